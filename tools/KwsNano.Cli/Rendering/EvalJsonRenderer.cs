using System.Text.Json;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders an <see cref="EvalSummary"/> as the JSON document of <c>kwsnano eval --json</c> (camelCase keys).</summary>
public static class EvalJsonRenderer
{
    /// <summary>Writes the summary as indented JSON.</summary>
    public static void Render(EvalSummary s, TextWriter w)
    {
        var r = s.Result;
        var m = r.Matrix;
        var doc = new
        {
            model = s.Model,
            source = s.Source,
            engine = s.Engine,
            frontend = new { preset = s.Preset, native = s.NativeFrontend },
            silenceAsZeros = s.SilenceAsZeros,
            clips = m.Total,
            correct = m.Correct,
            accuracy = Math.Round(m.Accuracy, 6),
            workers = r.Workers,
            seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
            clipsPerSecond = Math.Round(r.ClipsPerSecond, 2),
            labels = m.Labels,
            classes = Enumerable.Range(0, m.Labels.Count).Select(i => new
            {
                label = m.Labels[i],
                clips = m.RowTotal(i),
                correct = m[i, i],
                accuracy = m.ClassAccuracy(i) is double a ? Math.Round(a, 6) : (double?)null,
            }),
            confusion = Enumerable.Range(0, m.Labels.Count).Select(a => Enumerable.Range(0, m.Labels.Count).Select(p => m[a, p]).ToArray()),
        };
        w.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }
}
