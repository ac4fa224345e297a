using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using KwsNano.Cli.Serial;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano monitor PORT|LOGFILE|-</c>: reads the firmware's serial log (docs/serial-log.md) from a serial port
/// (System.IO.Ports: /dev/ttyUSB0, /dev/ttyACM0, COM3; reconnects after a board reset), a saved log or stdin, prints a
/// live table of detections and, once at the end, the latency percentiles; optionally keeps a latency histogram file
/// up to date. The work is <see cref="MonitorHandler"/>'s.
/// </summary>
public static class MonitorCommand
{
    /// <summary>The firmware's baud rate (docs/serial-log.md).</summary>
    public const int DefaultBaud = 921600;

    /// <summary>Slowest and fastest baud rates accepted.</summary>
    public const int MinBaud = 300, MaxBaud = 4_000_000;

    /// <summary>Creates the command on the machine's serial ports and stdin.</summary>
    public static Command Create(ICliConsole console) => Create(console, SystemSerialPorts.Instance, () => Console.In);

    /// <summary>Creates the command on <paramref name="ports"/> and <paramref name="stdin"/> (tests pass their own).</summary>
    public static Command Create(ICliConsole console, ISerialPorts ports, Func<TextReader> stdin)
    {
        var source = new Argument<string?>("source")
        {
            Description = "Serial port (/dev/ttyUSB0, /dev/ttyACM0, COM3), a saved log file, or '-' for stdin",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var baud = new Option<int>("--baud")
        {
            Description = $"Baud rate of the serial port, {MinBaud}..{MaxBaud} (the firmware sends at {DefaultBaud})",
            DefaultValueFactory = _ => DefaultBaud,
            CustomParser = r => ParseRange(r, "--baud", MinBaud, MaxBaud, "a whole number of baud") is double v ? (int)v : DefaultBaud,
        };
        var listPorts = new Option<bool>("--list-ports") { Description = "List the serial ports a board can be on (Linux /dev/ttyUSB*, /dev/ttyACM*; Windows COMn) and stop" };
        var plot = new Option<string?>("--plot", "--svg") { Description = "Keep a latency histogram in this file (.svg or .png), updated while monitoring, on Ctrl-C and at the end" };
        var plotEvery = new Option<double>("--plot-every")
        {
            Description = "Least seconds between histogram updates while monitoring, 0..3600 (0: after every detection)",
            DefaultValueFactory = _ => 5,
            CustomParser = r => ParseRange(r, "--plot-every", 0, 3600, "seconds") ?? 5,
        };
        var reconnect = new Option<double>("--reconnect")
        {
            Description = "Seconds to wait for a vanished serial port (board reset, cable) to come back, 0..3600 (0: stop at once)",
            DefaultValueFactory = _ => ReconnectPolicy.Default.Window.TotalSeconds,
            CustomParser = r => ParseRange(r, "--reconnect", 0, 3600, "seconds") ?? ReconnectPolicy.Default.Window.TotalSeconds,
        };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON (no live table)" };
        var command = new Command("monitor", "Read the KwsNano serial log from a port, a file or stdin: live detection table, latency p50/p90/p99, histogram.")
        {
            source, baud, listPorts, plot, plotEvery, reconnect, json,
        };
        command.SetAction(parse =>
        {
            var settings = new MonitorHandler.Settings(
                parse.GetValue(source),
                parse.GetValue(baud),
                parse.GetResult(baud) is { Implicit: false },
                parse.GetValue(listPorts),
                parse.GetValue(plot),
                parse.GetValue(plotEvery),
                ReconnectPolicy.Default with { Window = TimeSpan.FromSeconds(parse.GetValue(reconnect)) },
                parse.GetValue(json),
                parse.GetResult(plot)?.IdentifierToken?.Value ?? "--plot");
            using var ctrlC = CtrlC.Watch();
            return new MonitorHandler(console, ports, stdin).Run(settings, ctrlC.Token);
        });
        return command;
    }

    private static double? ParseRange(ArgumentResult r, string name, double min, double max, string what)
    {
        string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
        bool whole = what.StartsWith("a whole", StringComparison.Ordinal);
        if (double.TryParse(text, whole ? NumberStyles.None : NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) && v >= min && v <= max)
        {
            return v;
        }
        r.AddError($"{name} {text}: expected {what}, {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        return null;
    }
}
