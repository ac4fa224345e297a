using System.Text.Json;
using KwsNano.Kwsm;
using KwsNano.Reports;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders a <see cref="ModelReport"/> as the JSON document of <c>kwsnano inspect --json</c>.</summary>
public static class InspectJsonRenderer
{
    /// <summary>Writes the report as indented JSON (camelCase keys).</summary>
    public static void Render(ModelReport r, TextWriter w)
    {
        var m = r.Model;
        var doc = new
        {
            model = r.Name,
            flags = m.Flags.ToString(),
            input = new { tensor = m.InputTensor, shape = m.Input.Dims, scale = m.Input.Scale, zeroPoint = m.Input.ZeroPoint },
            output = new { tensor = m.OutputTensor, shape = m.Output.Dims, scale = m.Output.Scale, zeroPoint = m.Output.ZeroPoint },
            labels = m.Labels,
            frontend = m.Frontend.Preset,
            frontendTables = m.FrontendTables is { } t
                ? new { bytes = t.Length, tables = KwsmFrontendTables.Directory(m.Frontend, t).Select(x => new { name = x.Name, offset = x.Offset, bytes = x.Size }).ToArray() }
                : null,
            layers = r.Layers.Select(l => new
            {
                index = l.Index,
                sourceIndex = l.SourceIndex,
                op = l.OpName,
                inputShape = l.InputShape,
                input1Shape = l.Input1Shape,
                outputShape = l.OutputShape,
                filter = l.Filter is { } f ? new[] { f.H, f.W } : null,
                stride = l.Stride is { } s ? new[] { s.H, s.W } : null,
                padding = l.Padding,
                activation = l.Activation,
                macs = l.Macs,
                parameters = l.Parameters,
                weightBytes = l.WeightBytes,
                activationBytes = l.ActivationBytes,
                inputArenaOffset = l.InputArenaOffset,
                outputArenaOffset = l.OutputArenaOffset,
                inPlace = l.InPlace,
                scratchSize = l.ScratchSize,
                scratchOffset = l.ScratchOffset,
                inputVirtual = l.InputVirtual,
                outputVirtual = l.OutputVirtual,
            }),
            totals = new
            {
                parameters = r.Parameters,
                macs = r.Macs,
                flashBytes = r.FlashBytes,
                arenaBytes = r.ArenaBytes,
                largestActivationBytes = r.LargestActivationBytes,
                float32Bytes = r.Float32Bytes,
                compressionRatio = Math.Round(r.CompressionRatio, 3),
            },
        };
        w.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }
}
