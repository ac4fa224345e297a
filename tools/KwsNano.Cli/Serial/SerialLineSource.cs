using System.Diagnostics;
using System.Globalization;

namespace KwsNano.Cli.Serial;

/// <summary>
/// Lines from a serial port. When the port goes away (a board on USB CDC resets and re-enumerates, a cable is pulled),
/// it says so on <c>notes</c>, drops the partial line and tries to open the port again every
/// <see cref="ReconnectPolicy.RetryEvery"/> for at most <see cref="ReconnectPolicy.Window"/>; if the port does not
/// come back, the input ends with <see cref="Failure"/> set.
/// </summary>
public sealed class SerialLineSource : ILineSource
{
    private const int PollMs = 200;
    private readonly ISerialPorts _ports;
    private readonly int _baud;
    private readonly ReconnectPolicy _policy;
    private readonly TextWriter _notes;
    private readonly LineAssembler _lines = new();
    private readonly byte[] _buffer = new byte[4096];
    private ISerialConnection? _connection;

    private SerialLineSource(ISerialPorts ports, string name, int baud, ReconnectPolicy policy, TextWriter notes, ISerialConnection connection)
    {
        _ports = ports;
        Name = name;
        _baud = baud;
        _policy = policy;
        _notes = notes;
        _connection = connection;
    }

    /// <summary>Opens <paramref name="name"/>; a port that cannot be opened now is a user error (exit 2) naming the ports there are.</summary>
    /// <exception cref="CliException">The port does not exist, or cannot be opened.</exception>
    public static SerialLineSource Open(ISerialPorts ports, string name, int baud, ReconnectPolicy policy, TextWriter notes)
    {
        try
        {
            return new SerialLineSource(ports, name, baud, policy, notes, ports.Open(name, baud));
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"monitor: cannot open {name}: {e.Message} (on Linux: are you in the dialout group? Is another program, a debugger or a terminal, holding the port?)");
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
        {
            var names = PortList.Usable(ports.GetPortNames(), OperatingSystem.IsWindows());
            string there = names.Count == 0 ? "no serial port found" : "ports: " + string.Join(", ", names);
            throw new CliException($"monitor: cannot open {name}: {e.Message} ({there}; see kwsnano monitor --list-ports)");
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string? Failure { get; private set; }

    /// <summary>Called when a poll of the port returned nothing (every 200 ms of silence): time for periodic work.</summary>
    public Action? Idle { get; set; }

    /// <summary>Times the port came back.</summary>
    public int Reconnects { get; private set; }

    /// <inheritdoc/>
    public string? ReadLine(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            if (_lines.TryTake(out string line))
            {
                return line;
            }
            if (_connection == null && !Reconnect(cancel))
            {
                return null;
            }
            try
            {
                int n = _connection!.Read(_buffer, 0, _buffer.Length, PollMs);
                if (n == 0)
                {
                    Idle?.Invoke();
                }
                _lines.Add(_buffer, 0, n);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                _connection!.Dispose();
                _connection = null;
                _lines.DropPartial();
                _notes.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"monitor: lost {Name} ({e.Message}); the board may be resetting: reconnecting for up to {_policy.Window.TotalSeconds:0.#} s (Ctrl-C stops)"));
            }
        }
        return null;
    }

    private bool Reconnect(CancellationToken cancel)
    {
        var watch = Stopwatch.StartNew();
        string last = "";
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                _connection = _ports.Open(Name, _baud);
                Reconnects++;
                _notes.WriteLine(string.Create(CultureInfo.InvariantCulture, $"monitor: reconnected to {Name} after {watch.Elapsed.TotalSeconds:0.0} s"));
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                last = e.Message;
            }
            if (watch.Elapsed >= _policy.Window)
            {
                Failure = string.Create(CultureInfo.InvariantCulture, $"{Name} did not come back within {_policy.Window.TotalSeconds:0.#} s (last error: {last})");
                return false;
            }
            cancel.WaitHandle.WaitOne(_policy.RetryEvery);
        }
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _connection?.Dispose();
}
