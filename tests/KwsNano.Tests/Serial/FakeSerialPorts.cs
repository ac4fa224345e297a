using System.Text;
using KwsNano.Cli.Serial;

namespace KwsNano.Tests.Serial;

/// <summary>Serial ports for the reconnect logic: each Open takes the next scripted outcome (a connection, or an error); when the script runs out, Open fails.</summary>
public sealed class FakeSerialPorts(params string[] names) : ISerialPorts
{
    private readonly Queue<Func<ISerialConnection>> _opens = new();

    /// <summary>Opens attempted.</summary>
    public int Attempts { get; private set; }

    /// <summary>Baud rates asked for.</summary>
    public List<int> Bauds { get; } = [];

    /// <summary>The next Open returns a connection giving <paramref name="text"/>, 5 bytes per read, then losing the port (<paramref name="lost"/>) or staying silent.</summary>
    public FakeSerialPorts Then(string text, bool lost) => Then(() => new Connection(Encoding.UTF8.GetBytes(text), lost));

    /// <summary>The next Open fails with <paramref name="message"/>.</summary>
    public FakeSerialPorts ThenMissing(string message = "no such port") => Then(() => throw new IOException(message));

    private FakeSerialPorts Then(Func<ISerialConnection> open)
    {
        _opens.Enqueue(open);
        return this;
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> GetPortNames() => names;

    /// <inheritdoc/>
    public ISerialConnection Open(string name, int baud)
    {
        Attempts++;
        Bauds.Add(baud);
        return _opens.TryDequeue(out var open) ? open() : throw new IOException("no such port");
    }

    private sealed class Connection(byte[] data, bool lost) : ISerialConnection
    {
        private int _at;

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_at < data.Length)
            {
                int n = Math.Min(Math.Min(5, count), data.Length - _at);
                Array.Copy(data, _at, buffer, offset, n);
                _at += n;
                return n;
            }
            if (lost)
            {
                throw new IOException("device disconnected");
            }
            Thread.Sleep(Math.Min(timeoutMs, 10));
            return 0;
        }

        public void Dispose() { }
    }
}
