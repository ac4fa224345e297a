using System.Globalization;
using System.Text.Json;

namespace KwsNano.Cli.Rendering;

/// <summary>Text and JSON output of <c>kwsnano classify</c>.</summary>
public static class ClassifyRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The top-3 table, the truncation note and the timing line.</summary>
    public static void Text(ClassifySummary s, TextWriter o)
    {
        o.WriteLine($"{s.File}: {s.Top}");
        var top = s.Labels.Take(3).ToList();
        int width = top.Max(l => l.Length);
        for (int i = 0; i < top.Count; i++)
        {
            o.WriteLine(string.Create(Inv, $"  {i + 1}. {top[i].PadRight(width)}  {100 * s.Probabilities[i],6:F2}%"));
        }
        if (s.Truncated)
        {
            o.WriteLine(string.Create(Inv, $"note: the clip is {s.ClipSeconds:F2} s; its first {s.WindowSeconds:F2} s were classified"));
        }
        o.WriteLine(string.Create(Inv,
            $"model {s.Model}; {s.Frontend} {s.FrontendMs:F2} ms, {s.Engine} engine {s.NetworkMs:F2} ms, total {s.TotalMs:F2} ms"));
    }

    /// <summary>Every class with its probability, and the timings, as camelCase JSON.</summary>
    public static void Json(ClassifySummary s, TextWriter o)
    {
        var doc = new
        {
            file = s.File,
            model = s.Model,
            top = s.Top,
            classes = s.Labels.Select((l, i) => new { label = l, probability = Math.Round(s.Probabilities[i], 6) }),
            clipSeconds = Math.Round(s.ClipSeconds, 6),
            classifiedSeconds = Math.Round(Math.Min(s.ClipSeconds, s.WindowSeconds), 6),
            frontend = s.Frontend,
            engine = s.Engine,
            frontendMs = Math.Round(s.FrontendMs, 3),
            networkMs = Math.Round(s.NetworkMs, 3),
            totalMs = Math.Round(s.TotalMs, 3),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }
}
