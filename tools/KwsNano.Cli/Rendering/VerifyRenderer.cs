using System.Globalization;
using System.Text.Json;
using KwsNano.Kwsm;

namespace KwsNano.Cli.Rendering;

/// <summary>Text and JSON output of <c>kwsnano verify</c>.</summary>
public static class VerifyRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The human-readable summary.</summary>
    public static void Text(VerifySummary s, TextWriter o)
    {
        var m = s.Model;
        o.WriteLine($"{s.Name}: OK");
        o.WriteLine($"format: kwsm {KwsmModel.FormatVersionMajor}.{s.VersionMinor}, {s.Bytes.ToString("N0", Inv)} bytes, crc32 {s.Crc:x8}");
        o.WriteLine($"graph: {m.Ops.Count} ops, {m.Tensors.Count} tensors, arena {m.ArenaBytes.ToString("N0", Inv)} bytes");
        o.WriteLine($"input: {Shape(m.Input)} scale {m.Input.Scale.ToString("R", Inv)} zero point {m.Input.ZeroPoint}");
        o.WriteLine($"output: {Shape(m.Output)} scale {m.Output.Scale.ToString("R", Inv)} zero point {m.Output.ZeroPoint}");
        o.WriteLine($"flags: {m.Flags}");
        o.WriteLine($"front-end: {m.Frontend.Preset}");
        if (m.FrontendTables is { } t)
        {
            o.WriteLine($"front-end tables: {t.Length.ToString("N0", Inv)} bytes in the blob, checked (read in place by the device)");
        }
        else if (KwsmFrontendRules.IsComputed(m.Frontend.Kind))
        {
            o.WriteLine("front-end tables: none (the device builds them in RAM at start)");
        }
        o.WriteLine($"labels: {string.Join(",", m.Labels)}");
    }

    /// <summary>The same as camelCase JSON.</summary>
    public static void Json(VerifySummary s, TextWriter o)
    {
        var m = s.Model;
        var doc = new
        {
            file = s.Name,
            valid = true,
            format = $"{KwsmModel.FormatVersionMajor}.{s.VersionMinor}",
            bytes = s.Bytes,
            crc32 = s.Crc.ToString("x8", Inv),
            ops = m.Ops.Count,
            tensors = m.Tensors.Count,
            arenaBytes = m.ArenaBytes,
            input = new { shape = m.Input.Dims, scale = m.Input.Scale, zeroPoint = m.Input.ZeroPoint },
            output = new { shape = m.Output.Dims, scale = m.Output.Scale, zeroPoint = m.Output.ZeroPoint },
            flags = m.Flags.ToString(),
            frontend = m.Frontend.Preset,
            frontendTablesBytes = m.FrontendTables?.Length,
            labels = m.Labels,
        };
        o.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }

    private static string Shape(KwsmTensor t) => "[" + string.Join(",", t.Dims) + "]";
}
