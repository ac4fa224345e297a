using System.CommandLine;
using KwsNano.Cli.Firmware;
using KwsNano.Cli.Serial;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano flash</c>: writes a custom nanoFramework firmware, the managed application and the model blob to a
/// board with nanoff, at the addresses of docs/custom-firmware.md. <c>--dry-run</c> prints the nanoff command lines.
/// </summary>
public static class FlashCommand
{
    /// <summary>Creates the command on the machine's nanoff and serial ports.</summary>
    public static Command Create(ICliConsole console) => Create(console, ProcessNanoff.Instance, SystemSerialPorts.Instance);

    /// <summary>Creates the command on <paramref name="nanoff"/> and <paramref name="ports"/> (tests pass recorders).</summary>
    public static Command Create(ICliConsole console, INanoff nanoff, ISerialPorts ports)
    {
        var target = ChoiceList.Of(new Option<string>("--target") { Description = "Board to flash (required unless --list-ports)" }, FlashTarget.All.Select(t => t.Name));
        var port = new Option<string?>("--port") { Description = "Serial port of an ESP32 (/dev/ttyUSB0, COM3; see --list-ports); STM32 uses JTAG (ST-LINK)" };
        var firmware = new Option<string[]>("--firmware") { Description = "Custom firmware: ESP32 nanoCLR.bin; STM32 nanoBooter.hex and nanoCLR.hex", AllowMultipleArgumentsPerToken = true };
        var app = new Option<string?>("--app") { Description = "Managed deployment image (.bin)" };
        var appPe = new Option<string[]>("--app-pe") { Description = "Managed .pe files to combine into a deployment image (instead of --app)", AllowMultipleArgumentsPerToken = true };
        var model = new ModelOption(required: false, description: "Model to write: a .kwsm, or a .tflite / catalog id converted to one first. Verified in full before anything is flashed.");
        var baud = new Option<int?>("--baud") { Description = $"ESP32 flashing baud rate, {MinBaud}..{MaxBaud} (nanoff default when omitted)", CustomParser = ParseBaud };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the nanoff command lines instead of running them" };
        var listPorts = new Option<bool>("--list-ports") { Description = "List the serial ports a board can be on and stop" };
        var command = new Command("flash", "Flash custom firmware, managed app and model to an ESP32 / ESP32-S3 / STM32F769I-DISCOVERY with nanoff.")
        {
            target, port, firmware, app, appPe, baud, dryRun, listPorts,
        };
        model.AddTo(command);
        command.SetAction(parse =>
        {
            if (parse.GetValue(listPorts))
            {
                PortList.WriteListing(ports, console.Out);
                return ExitCodes.Success;
            }
            var t = FlashTarget.Find(parse.GetValue(target) ?? throw new CliException("flash: --target is required (" + string.Join(", ", FlashTarget.All.Select(x => x.Name)) + ")"))!; // a choice list: known when given
            var settings = new FlashHandler.Settings(t, parse.GetValue(port), parse.GetValue(baud), parse.GetValue(firmware) ?? [], parse.GetValue(app),
                parse.GetValue(appPe) ?? [], parse.GetValue(dryRun));
            return new FlashHandler(console, nanoff, ports).Run(settings, () => FlashModel(model, t, parse, console));
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
}
