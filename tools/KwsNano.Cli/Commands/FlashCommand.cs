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
        var target = new Option<string>("--target") { Description = "ESP32 | ESP32_S3 | ST_STM32F769I_DISCOVERY", Required = true };
        var port = new Option<string?>("--port") { Description = "Serial port of an ESP32 (/dev/ttyUSB0, COM3); STM32 uses JTAG (ST-LINK)" };
        var firmware = new Option<string[]>("--firmware") { Description = "Custom firmware: ESP32 nanoCLR.bin; STM32 nanoBooter.hex and nanoCLR.hex", AllowMultipleArgumentsPerToken = true };
        var app = new Option<string?>("--app") { Description = "Managed deployment image (.bin)" };
        var appPe = new Option<string[]>("--app-pe") { Description = "Managed .pe files to combine into a deployment image (instead of --app)", AllowMultipleArgumentsPerToken = true };
        var model = new Option<string?>("--model") { Description = ".kwsm model blob" };
        var baud = new Option<int?>("--baud") { Description = "ESP32 flashing baud rate (nanoff default when omitted)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the nanoff command lines instead of running them" };
        var command = new Command("flash", "Flash custom firmware, managed app and model to an ESP32 / ESP32-S3 / STM32F769I-DISCOVERY with nanoff.")
        {
            target, port, firmware, app, appPe, model, baud, dryRun,
        };
        command.SetAction(parse =>
        {
            string targetName = parse.GetValue(target)!;
            var t = FlashTarget.Find(targetName)
                ?? throw new CliException($"flash: unknown --target {targetName}; expected one of {string.Join(", ", FlashTarget.All.Select(x => x.Name))}");
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
            var runs = FlashPlan.Build(new FlashPlan.Request(t, parse.GetValue(port), parse.GetValue(firmware) ?? [], appImage, parse.GetValue(model), parse.GetValue(baud)));
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
            throw new CliException("flash: nanoff not found; install it with 'dotnet tool install -g nanoff' (or use --dry-run)");
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
