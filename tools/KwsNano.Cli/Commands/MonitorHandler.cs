using System.Diagnostics;
using KwsNano.Cli.Firmware;
using KwsNano.Cli.Plotting;
using KwsNano.Cli.Rendering;
using KwsNano.Cli.Serial;
using KwsNano.IO;

namespace KwsNano.Cli.Commands;

/// <summary>
/// The work of <c>kwsnano monitor</c>: opens the source (serial port, log file or stdin), feeds every line to a
/// <see cref="SerialMonitor"/>, keeps the latency histogram up to date while it runs (at most every
/// <see cref="Settings.PlotEverySeconds"/>, and at the end or on Ctrl-C), and prints the summary once.
/// </summary>
public sealed class MonitorHandler(ICliConsole console, ISerialPorts ports, Func<TextReader> stdin)
{
    /// <summary>The options of one run.</summary>
    /// <param name="Source">Port, log file or '-' (null with --list-ports).</param>
    /// <param name="Baud">Baud rate for a port.</param>
    /// <param name="BaudGiven">True when --baud was given (a log file ignores it, with a warning).</param>
    /// <param name="ListPorts">List the serial ports and stop.</param>
    /// <param name="Plot">Histogram file (.svg or .png), or null.</param>
    /// <param name="PlotEverySeconds">Least time between histogram updates while running (0: after every detection).</param>
    /// <param name="Reconnect">How long to wait for a vanished port.</param>
    /// <param name="Json">Print the summary as JSON, and no live table.</param>
    /// <param name="PlotOption">The histogram option as the user spelt it (--plot or --svg), for messages.</param>
    public sealed record Settings(string? Source, int Baud, bool BaudGiven, bool ListPorts, string? Plot, double PlotEverySeconds, ReconnectPolicy Reconnect, bool Json,
        string PlotOption = "--plot");

    private readonly Stopwatch _sincePlot = Stopwatch.StartNew();
    private int _plotted = -1;
    private bool _plotWarned;

    /// <summary>Runs; returns the exit code (<see cref="ExitCodes"/>).</summary>
    /// <exception cref="CliException">A user error: bad source, plot path, or a port that cannot be opened.</exception>
    public int Run(Settings s, CancellationToken cancel)
    {
        if (s.ListPorts)
        {
            PortList.WriteListing(ports, console.Out);
            return ExitCodes.Success;
        }
        if (s.Source == null)
        {
            throw new CliException("monitor: give a serial port (/dev/ttyUSB0, COM3), a log file or '-' for stdin; 'kwsnano monitor --list-ports' lists the ports");
        }
        if (s.Plot != null)
        {
            PlotFile.Check(s.Plot, s.PlotOption); // .svg or .png, and writable: before the log is read, not when it ends
        }
        using var source = Open(s);
        IMonitorView view = s.Json ? new QuietMonitorView() : new MonitorTableRenderer(console.Out);
        var monitor = new SerialMonitor(view, console.Error);
        if (source is SerialLineSource serial)
        {
            console.Error.WriteLine($"monitor: {serial.Name} at {s.Baud} baud (Ctrl-C stops and prints the summary)");
            serial.Idle = () => MaybePlot(s, monitor);
        }
        string? line;
        while ((line = source.ReadLine(cancel)) != null)
        {
            monitor.Feed(line);
            MaybePlot(s, monitor);
        }
        monitor.Reconnects = (source as SerialLineSource)?.Reconnects ?? 0;
        bool interrupted = cancel.IsCancellationRequested;
        string? plotError = s.Plot == null ? null : WritePlot(s.Plot, monitor);
        string? plotted = plotError == null ? s.Plot : null;
        var summary = monitor.Summary(source.Name, interrupted);
        if (s.Json)
        {
            MonitorJsonRenderer.Render(summary, plotted, console.Out);
        }
        else
        {
            MonitorTableRenderer.Summary(summary, plotted, console.Out);
        }
        int failed = interrupted ? ExitCodes.Interrupted : ExitCodes.Failure;
        if (plotError != null)
        {
            console.Error.WriteLine($"error: monitor: cannot write {s.Plot}: {plotError}");
            return failed;
        }
        if (source.Failure != null)
        {
            console.Error.WriteLine($"error: monitor: {source.Failure}");
            return failed;
        }
        if (monitor.Records == 0)
        {
            string what = monitor.Lines == 0
                ? $"{source.Name} gave no lines"
                : (monitor.Lines == 1 ? $"the one line from {source.Name} is not" : $"none of the {monitor.Lines} lines from {source.Name} is")
                  + " a KwsNano record (KWS BOOT, DET, STAT, OVR or ERR)";
            string hint = source is SerialLineSource
                ? $"; is the board running the KwsNano app, and is {s.Baud} its baud rate (the firmware's is {MonitorCommand.DefaultBaud})?"
                : "; is this a KwsNano serial log (docs/serial-log.md)?";
            console.Error.WriteLine($"error: monitor: {what}{hint}");
            return failed;
        }
        return interrupted ? ExitCodes.Interrupted : ExitCodes.Success;
    }

    private ILineSource Open(Settings s)
    {
        string path = s.Source!;
        if (path == "-")
        {
            return new TextLineSource("stdin", stdin(), ownsReader: false);
        }
        if (PortList.IsPort(path))
        {
            return SerialLineSource.Open(ports, PortList.Normalize(path), s.Baud, s.Reconnect, console.Error);
        }
        FileChecks.RequireInputFile(path, long.MaxValue, "serial log"); // missing, or a directory: say so
        if (s.BaudGiven)
        {
            console.Error.WriteLine($"warning: --baud is ignored: {path} is a log file, not a serial port");
        }
        try
        {
            return new TextLineSource(path, new StreamReader(path, System.Text.Encoding.UTF8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"monitor: cannot open {path}: {e.Message}");
        }
    }

    private void MaybePlot(Settings s, SerialMonitor monitor)
    {
        if (s.Plot != null && monitor.Detections != _plotted && _sincePlot.Elapsed.TotalSeconds >= s.PlotEverySeconds)
        {
            if (WritePlot(s.Plot, monitor) is { } error && !_plotWarned)
            {
                console.Error.WriteLine($"warning: monitor: cannot update {s.Plot} ({error}); trying again at the next detection");
                _plotWarned = true;
            }
        }
    }

    /// <summary>
    /// The one place the histogram is drawn and written (to a temporary file, then renamed: a viewer never sees half a
    /// file); returns null, or why it could not be written.
    /// </summary>
    private string? WritePlot(string path, SerialMonitor monitor)
    {
        string temp = path + ".tmp" + Path.GetExtension(path); // keeps the extension that chooses the format
        try
        {
            LatencyHistogramPlot.Create(monitor.Latency, $"KwsNano detection latency ({monitor.Detections} detections)").Save(temp);
            File.Move(temp, path, overwrite: true);
            _plotted = monitor.Detections;
            _sincePlot.Restart();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
