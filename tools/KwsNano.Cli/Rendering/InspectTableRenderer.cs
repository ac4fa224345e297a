using System.Globalization;
using KwsNano.Kwsm;
using KwsNano.Reports;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders a <see cref="ModelReport"/> as the fixed-width text table of <c>kwsnano inspect</c>.</summary>
public static class InspectTableRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Number with thousands separators (invariant culture).</summary>
    public static string N(long v) => v.ToString("N0", Inv);

    /// <summary>Shape as [1,49,10,1].</summary>
    public static string Shape(int[] dims) => "[" + string.Join(",", dims) + "]";

    /// <summary>Writes the report.</summary>
    public static void Render(ModelReport r, TextWriter w)
    {
        var m = r.Model;
        w.WriteLine($"model: {r.Name}");
        w.WriteLine($"input: tensor {m.InputTensor} {Shape(m.Input.Dims)} int8 scale {m.Input.Scale.ToString("R", Inv)} zero point {m.Input.ZeroPoint}{(m.Flags.HasFlag(KwsmModelFlags.InputFromFloat) ? " (float input quantised by the host)" : "")}");
        w.WriteLine($"output: tensor {m.OutputTensor} {Shape(m.Output.Dims)} int8 scale {m.Output.Scale.ToString("R", Inv)} zero point {m.Output.ZeroPoint}{(m.Flags.HasFlag(KwsmModelFlags.OutputIsSoftmax) ? " (softmax)" : " (logits)")}");
        w.WriteLine($"labels: {string.Join(", ", m.Labels)}");
        w.WriteLine($"front-end: {m.Frontend.Preset}");
        if (m.FrontendTables is { } t)
        {
            var tables = KwsmFrontendTables.Directory(m.Frontend, t);
            w.WriteLine($"front-end tables: {N(t.Length)} B in the blob, read in place: {string.Join(", ", tables.Select(x => $"{x.Name} {N(x.Size)} B"))}");
        }
        else if (KwsmFrontendRules.IsComputed(m.Frontend.Kind))
        {
            w.WriteLine("front-end tables: none in the blob (the device builds them in RAM at start)");
        }
        w.WriteLine();
        var rows = new List<string[]>
        {
            new[] { "#", "src", "op", "input -> output", "filter", "stride", "pad", "act", "MACs", "weight B", "act B", "arena in -> out", "scratch" },
        };
        foreach (var l in r.Layers)
        {
            string inputs = Shape(l.InputShape) + (l.Input1Shape != null ? " + " + Shape(l.Input1Shape) : "");
            rows.Add(new[]
            {
                l.Index.ToString(Inv),
                l.SourceIndex.ToString(Inv),
                l.OpName,
                inputs + " -> " + Shape(l.OutputShape),
                l.Filter is { } f ? $"{f.H}x{f.W}" : "-",
                l.Stride is { } s ? $"{s.H}x{s.W}" : "-",
                l.Padding ?? "-",
                l.Activation,
                N(l.Macs),
                N(l.WeightBytes),
                N(l.ActivationBytes),
                $"{(l.InputVirtual ? "ring" : l.InputArenaOffset.ToString(Inv))} -> {(l.OutputVirtual ? "ring (fused, not stored)" : l.OutputArenaOffset.ToString(Inv))}{(l.InPlace ? " (in place)" : "")}",
                l.ScratchSize > 0 ? $"{N(l.ScratchSize)} @ {l.ScratchOffset}" : "-",
            });
        }
        int cols = rows[0].Length;
        var width = new int[cols];
        foreach (var row in rows)
        {
            for (int c = 0; c < cols; c++) width[c] = Math.Max(width[c], row[c].Length);
        }
        bool[] rightAlign = { true, true, false, false, false, false, false, false, true, true, true, false, false };
        foreach (var row in rows)
        {
            var cells = new string[cols];
            for (int c = 0; c < cols; c++)
            {
                cells[c] = rightAlign[c] ? row[c].PadLeft(width[c]) : row[c].PadRight(width[c]);
            }
            w.WriteLine(string.Join("  ", cells).TrimEnd());
        }
        w.WriteLine();
        w.WriteLine($"parameters: {N(r.Parameters)}");
        w.WriteLine($"MACs: {N(r.Macs)}");
        w.WriteLine($"flash: {N(r.FlashBytes)} bytes");
        w.WriteLine($"arena: {N(r.ArenaBytes)} bytes (largest tensor {N(r.LargestActivationBytes)} bytes)");
        w.WriteLine($"float32 parameters: {N(r.Float32Bytes)} bytes; packed: {N(r.FlashBytes)} bytes; compression {r.CompressionRatio.ToString("0.00", Inv)}x");
    }
}
