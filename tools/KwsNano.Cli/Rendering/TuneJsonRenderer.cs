using System.Text.Json;
using KwsNano.Cli.Tuning;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders a <see cref="TuneReport"/> as the JSON document of <c>kwsnano tune --json</c> (camelCase keys).</summary>
public static class TuneJsonRenderer
{
    /// <summary>Writes the report as indented JSON.</summary>
    public static void Render(TuneReport r, TextWriter w)
    {
        var doc = new
        {
            model = r.Model,
            engine = r.Backend == StreamScorer.Backend.NativeStream ? "native-stream" : "interpreter",
            keywordStream = new
            {
                clips = r.Keywords.Clips.Count,
                keywords = r.KeywordLabels,
                clipsPerKeyword = r.ClipsPerKeyword,
                gapMs = r.GapMs,
                seconds = Math.Round(r.Keywords.Seconds, 3),
                inferences = r.KeywordInferences,
            },
            backgroundStream = new
            {
                clips = r.Background.Clips.Count,
                labels = TuneStreamBuilder.BackgroundLabels.ToDictionary(l => l, l => r.Background.Clips.Count(c => c.Label == l)),
                seconds = Math.Round(r.Background.Seconds, 3),
                inferences = r.BackgroundInferences,
            },
            refractoryMs = r.RefractoryMs,
            release = r.Release,
            interval = r.Interval,
            maxFalsePerHour = r.Limit,
            rows = r.Rows.Select(RowJson),
            recommended = r.Best is TuneRow b
                ? new { setting = RowJson(b), config = r.ConfigLines(b) }
                : null,
        };
        w.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }

    private static object RowJson(TuneRow row) => new
    {
        threshold = row.Threshold,
        smoothing = row.Smoothing,
        clips = row.Clips,
        hits = row.Hits,
        detectionRate = Math.Round(row.DetectionRate, 6),
        wrong = row.Wrong,
        falseDetections = row.False,
        falsePerHour = Math.Round(row.FalsePerHour, 3),
        perKeyword = row.PerKeyword.Select(k => new { keyword = k.Keyword, clips = k.Clips, hits = k.Hits }),
    };
}
