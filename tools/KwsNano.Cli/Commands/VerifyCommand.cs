using System.Buffers.Binary;
using System.CommandLine;
using KwsNano.Cli.Rendering;
using KwsNano.Conversion;
using KwsNano.Kwsm;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano verify [-m] MODEL [--json]</c>: apply every validation rule of the device loader to a .kwsm (or to the
/// blob a .tflite / catalog id converts to); print a summary or the precise error (exit 2).
/// </summary>
public static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new ModelOption(positional: true);
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };
        var command = new Command("verify", "Validate a packed .kwsm model exactly as the device loader does.");
        model.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var summary = Check(model, parse, console);
            if (parse.GetValue(json))
            {
                VerifyRenderer.Json(summary, console.Out);
            }
            else
            {
                VerifyRenderer.Text(summary, console.Out);
            }
            return 0;
        });
        return command;
    }

    /// <summary>Loads and validates the model of a parsed command line.</summary>
    public static VerifySummary Check(ModelOption model, ParseResult parse, ICliConsole console)
    {
        var (path, entry) = model.Resolve(parse, console);
        // ModelLoader reads a .kwsm header first and applies every rule of the device loader (KwsmReader).
        var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, null, entry));
        CliModelSource.Warn(console, loaded.Warnings);
        byte[] blob = loaded.Blob;
        return new VerifySummary(loaded.Name, blob.Length, BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(KwsmLayout.Crc)),
            BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(KwsmLayout.VersionMinor)), loaded.Model);
    }
}
