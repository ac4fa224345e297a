using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using KwsNano.Kwsm;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano verify FILE.kwsm</c>: apply every validation rule; print a summary or the precise error (exit 2).</summary>
public static class VerifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The .kwsm file to validate." };
        var command = new Command("verify", "Validate a packed .kwsm model exactly as the device loader does.");
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            byte[] blob = KwsmReader.ReadFileBytes(path);
            var m = CliModelSource.Guard(() => KwsmReader.Read(blob, Path.GetFileName(path)));
            var inv = CultureInfo.InvariantCulture;
            string Shape(KwsmTensor t) => "[" + string.Join(",", t.Dims) + "]";
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(KwsmLayout.Crc));
            int minor = BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(KwsmLayout.VersionMinor));
            console.Out.WriteLine($"{Path.GetFileName(path)}: OK");
            console.Out.WriteLine($"format: kwsm {KwsmModel.FormatVersionMajor}.{minor}, {blob.Length.ToString("N0", inv)} bytes, crc32 {crc:x8}");
            console.Out.WriteLine($"graph: {m.Ops.Count} ops, {m.Tensors.Count} tensors, arena {m.ArenaBytes.ToString("N0", inv)} bytes");
            console.Out.WriteLine($"input: {Shape(m.Input)} scale {m.Input.Scale.ToString("R", inv)} zero point {m.Input.ZeroPoint}");
            console.Out.WriteLine($"output: {Shape(m.Output)} scale {m.Output.Scale.ToString("R", inv)} zero point {m.Output.ZeroPoint}");
            console.Out.WriteLine($"flags: {m.Flags}");
            console.Out.WriteLine($"front-end: {m.Frontend.Preset}");
            console.Out.WriteLine($"labels: {string.Join(",", m.Labels)}");
            return 0;
        });
        return command;
    }
}
