using System.CommandLine;
using System.Diagnostics;
using KwsNano.Cli.Firmware;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano flash</c>: writes a custom nanoFramework firmware, the managed application and the model blob to a
/// board with nanoff, at the addresses of docs/custom-firmware.md. <c>--dry-run</c> prints the nanoff command lines.
/// </summary>
public static class FlashCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var target = ChoiceList.Of(new Option<string>("--target") { Description = "Board to flash", Required = true }, FlashTarget.All.Select(t => t.Name));
        var port = new Option<string?>("--port") { Description = "Serial port of an ESP32 (/dev/ttyUSB0, COM3); STM32 uses JTAG (ST-LINK)" };
        var firmware = new Option<string[]>("--firmware") { Description = "Custom firmware: ESP32 nanoCLR.bin; STM32 nanoBooter.hex and nanoCLR.hex", AllowMultipleArgumentsPerToken = true };
        var app = new Option<string?>("--app") { Description = "Managed deployment image (.bin)" };
        var appPe = new Option<string[]>("--app-pe") { Description = "Managed .pe files to combine into a deployment image (instead of --app)", AllowMultipleArgumentsPerToken = true };
        var model = new ModelOption(required: false, description: "Model to write: a .kwsm, or a .tflite / catalog id converted to one first. Verified in full before anything is flashed.");
        var baud = new Option<int?>("--baud") { Description = $"ESP32 flashing baud rate, {MinBaud}..{MaxBaud} (nanoff default when omitted)", CustomParser = ParseBaud };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the nanoff command lines instead of running them" };
        var command = new Command("flash", "Flash custom firmware, managed app and model to an ESP32 / ESP32-S3 / STM32F769I-DISCOVERY with nanoff.")
        {
            target, port, firmware, app, appPe, baud, dryRun,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            var t = FlashTarget.Find(parse.GetValue(target)!)!; // a choice list: always known
            if (!t.IsEsp32)
            {
                foreach (var (name, given) in new[] { ("--port", parse.GetValue(port) != null), ("--baud", parse.GetValue(baud) != null) })
                {
                    if (given)
                    {
                        console.Error.WriteLine($"warning: {name} is ignored for {t.Name}: it is flashed over JTAG (ST-LINK)");
                    }
                }
            }
            string? modelPath = FlashModel(model, t, parse, console);
            string? appImage = parse.GetValue(app);
            var pes = parse.GetValue(appPe) ?? [];
            if (pes.Length > 0)
            {
                if (appImage != null)
                {
                    throw new CliException("flash: give either --app or --app-pe, not both");
                }
                appImage = Path.Combine(Path.GetTempPath(), $"kwsnano-deployment-{Environment.ProcessId}.bin");
                FlashPlan.WriteDeploymentImage(pes, appImage);
                console.Error.WriteLine($"deployment image of {pes.Length} .pe files: {appImage}");
            }
            var runs = FlashPlan.Build(new FlashPlan.Request(t, parse.GetValue(port), parse.GetValue(firmware) ?? [], appImage, modelPath, t.IsEsp32 ? parse.GetValue(baud) : null));
            bool dry = parse.GetValue(dryRun);
            foreach (var args in runs)
            {
                console.Out.WriteLine("nanoff " + string.Join(' ', args.Select(Quote)));
                if (!dry)
                {
                    RunNanoff(args, console);
                }
            }
            return 0;
        });
        return command;
    }

    /// <summary>Slowest --baud accepted.</summary>
    public const int MinBaud = 9600;

    /// <summary>Fastest --baud accepted (the ESP32 ROM loader's practical limit).</summary>
    public const int MaxBaud = 2_000_000;

    /// <summary>
    /// The .kwsm file to flash, verified in full (every rule of the device loader, CRC included) before any nanoff
    /// line is built; a .tflite or catalog id is converted into a temporary .kwsm first. Null without --model.
    /// </summary>
    private static string? FlashModel(ModelOption model, FlashTarget t, ParseResult parse, ICliConsole console)
    {
        if (model.Get(parse) == null)
        {
            return null;
        }
        var (path, entry) = model.Resolve(parse, console);
        if (!path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
        {
            FlashPlan.CheckModel(path, t); // size against the region first: the clearest message for a model that cannot fit
        }
        var loaded = CliModelSource.Guard(() => KwsNano.Conversion.ModelLoader.Load(path, null, entry));
        CliModelSource.Warn(console, loaded.Warnings);
        if (!path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }
        string converted = Path.Combine(Path.GetTempPath(), $"kwsnano-flash-{Environment.ProcessId}-{Path.GetFileNameWithoutExtension(path)}.kwsm");
        File.WriteAllBytes(converted, loaded.Blob);
        console.Error.WriteLine($"converted {path} to {converted} ({loaded.Blob.Length} bytes)");
        return converted;
    }

    private static int? ParseBaud(System.CommandLine.Parsing.ArgumentResult r)
    {
        string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int baud) && baud is >= MinBaud and <= MaxBaud)
        {
            return baud;
        }
        r.AddError($"--baud {text}: expected a baud rate {MinBaud}..{MaxBaud} (e.g. 921600)");
        return null;
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\'') ? arg : "\"" + arg.Replace("\"", "\\\"") + "\"";

    private static void RunNanoff(string[] args, ICliConsole console)
    {
        var info = new ProcessStartInfo("nanoff") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new CliException("flash: could not start nanoff");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException("flash: nanoff not found; install the pinned version with 'dotnet tool restore' in the repository (.config/dotnet-tools.json), or 'dotnet tool install -g nanoff --version 2.4.34' (or use --dry-run)");
        }
        using (process)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data != null) console.Out.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) console.Error.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new CliException($"flash: nanoff exited with code {process.ExitCode} (nanoff {string.Join(' ', args)})", process.ExitCode);
            }
        }
    }
}
