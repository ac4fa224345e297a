using System.CommandLine;
using KwsNano.Cli.Firmware;
using KwsNano.IO;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano monitor PORT|LOGFILE</c>: parses the firmware's serial log (docs/serial-log.md) from a serial device
/// (e.g. /dev/ttyUSB0, configured with stty first) or a saved log, prints a live table of detections and latency
/// percentiles, and optionally writes a latency histogram as SVG.
/// </summary>
public static class MonitorCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var source = new Argument<string>("source") { Description = "Serial device (/dev/ttyUSB0; set it up with: stty -F /dev/ttyUSB0 921600 raw -echo) or a log file; '-' for stdin" };
        var svg = new Option<string?>("--svg") { Description = "Write a latency histogram (SVG) to this file when the log ends" };
        var command = new Command("monitor", "Parse the KwsNano serial log: live detection table, latency p50/p90/p99, SVG histogram.") { source, svg };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(source)!;
            if (parse.GetValue(svg) is { } svgOut)
            {
                if (!svgOut.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    throw new CliException($"--svg {svgOut}: the file name must end in .svg (the histogram is written as SVG)");
                }
                FileChecks.RequireOutputFile(svgOut, "--svg"); // before the log is read, not when it ends
            }
            var monitor = new SerialMonitor(console.Out, console.Error);
            using (var reader = Open(path))
            {
                monitor.Run(reader);
            }
            string? svgPath = parse.GetValue(svg);
            if (svgPath != null)
            {
                try
                {
                    File.WriteAllText(svgPath, LatencyHistogramSvg.Render(monitor.Summary, $"KwsNano detection latency ({monitor.Detections} detections)"));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"monitor: cannot write {svgPath}: {e.Message}");
                }
                console.Out.WriteLine($"histogram: {svgPath}");
            }
            return 0;
        });
        return command;
    }

    private static TextReader Open(string path)
    {
        if (path == "-")
        {
            return Console.In;
        }
        if (!path.StartsWith("/dev/", StringComparison.Ordinal))
        {
            FileChecks.RequireInputFile(path, long.MaxValue, "serial log"); // missing, or a directory: say so
        }
        try
        {
            // A serial device is a file on Linux: reads block until the board sends a line.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return new StreamReader(stream, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"monitor: cannot open {path}: {e.Message}" + (path.StartsWith("/dev/", StringComparison.Ordinal) ? " (is the board connected, and are you in the dialout group?)" : ""));
        }
    }
}
