using KwsNano.Cli.Firmware;
using KwsNano.Cli.Serial;

namespace KwsNano.Cli.Commands;

/// <summary>
/// The work of <c>kwsnano flash</c> once its options are parsed: warns about options the target ignores, checks that
/// the serial port is there (a real run on an ESP32), verifies the model, builds the nanoff command lines, prints each
/// and, unless it is a dry run, runs it, stopping at the first that fails.
/// </summary>
public sealed class FlashHandler(ICliConsole console, INanoff nanoff, ISerialPorts ports)
{
    /// <summary>The parsed options.</summary>
    /// <param name="Target">Board.</param>
    /// <param name="Port">--port, or null.</param>
    /// <param name="Baud">--baud (checked), or null.</param>
    /// <param name="Firmware">--firmware files.</param>
    /// <param name="App">--app image, or null.</param>
    /// <param name="AppPe">--app-pe files to combine.</param>
    /// <param name="DryRun">Print the command lines only.</param>
    public sealed record Settings(FlashTarget Target, string? Port, int? Baud, string[] Firmware, string? App, string[] AppPe, bool DryRun);

    /// <summary>Runs; <paramref name="model"/> gives the verified .kwsm to write (null: none). Returns the exit code.</summary>
    /// <exception cref="CliException">A user error, or nanoff failed (its exit code).</exception>
    public int Run(Settings s, Func<string?> model)
    {
        var t = s.Target;
        if (!t.IsEsp32)
        {
            foreach (var (name, given) in new[] { ("--port", s.Port != null), ("--baud", s.Baud != null) })
            {
                if (given)
                {
                    console.Error.WriteLine($"warning: {name} is ignored for {t.Name}: it is flashed over JTAG (ST-LINK)");
                }
            }
        }
        else if (s.Port != null && !s.DryRun)
        {
            RequirePort(s.Port);
        }
        string? modelPath = model();
        string? appImage = s.App;
        if (s.AppPe.Length > 0)
        {
            if (appImage != null)
            {
                throw new CliException("flash: give either --app or --app-pe, not both");
            }
            appImage = Path.Combine(Path.GetTempPath(), $"kwsnano-deployment-{Environment.ProcessId}.bin");
            FlashPlan.WriteDeploymentImage(s.AppPe, appImage);
            console.Error.WriteLine($"deployment image of {s.AppPe.Length} .pe files: {appImage}");
        }
        var runs = FlashPlan.Build(new FlashPlan.Request(t, s.Port, s.Firmware, appImage, modelPath, t.IsEsp32 ? s.Baud : null));
        foreach (var args in runs)
        {
            console.Out.WriteLine(CommandLine(args));
            if (!s.DryRun)
            {
                int code = nanoff.Run(args, console);
                if (code != 0)
                {
                    throw new CliException($"flash: nanoff exited with code {code} ({CommandLine(args)}); nothing after it was run", ExitCodes.Failure);
                }
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>The printed form of one nanoff run (arguments with spaces or quotes quoted).</summary>
    public static string CommandLine(IEnumerable<string> args) => "nanoff " + string.Join(' ', args.Select(Quote));

    private void RequirePort(string port)
    {
        bool windows = OperatingSystem.IsWindows();
        var names = ports.GetPortNames();
        bool there = windows ? names.Contains(port, StringComparer.OrdinalIgnoreCase) : names.Contains(port) || File.Exists(port);
        if (!there)
        {
            var usable = PortList.Usable(names, windows);
            throw new CliException($"flash: --port {port}: no such port ({(usable.Count == 0 ? "no serial port found" : "ports: " + string.Join(", ", usable))}; see kwsnano flash --list-ports)");
        }
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\'') ? arg : "\"" + arg.Replace("\"", "\\\"") + "\"";
}
