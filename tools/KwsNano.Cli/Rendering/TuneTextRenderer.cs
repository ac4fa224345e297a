using System.Globalization;
using KwsNano.Cli.Tuning;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders a <see cref="TuneReport"/> as the text of <c>kwsnano tune</c>: the streams, one line per setting, the recommendation.</summary>
public static class TuneTextRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>How the scores were computed, for people.</summary>
    public static string EngineText(StreamScorer.Backend b) =>
        b == StreamScorer.Backend.NativeStream ? "native stream (kws_stream, as on the device)" : "C# front-end + interpreter per window";

    /// <summary>A threshold with two to four decimals.</summary>
    public static string Threshold(float t) => t.ToString("0.00##", Inv);

    /// <summary>A rate as a percentage with one decimal.</summary>
    public static string Percent(double rate) => (100 * rate).ToString("F1", Inv) + "%";

    /// <summary>Writes the report.</summary>
    public static void Render(TuneReport r, TextWriter o)
    {
        o.WriteLine($"model {r.Model}; {EngineText(r.Backend)}");
        o.WriteLine(string.Create(Inv, $"keyword stream: {r.Keywords.Clips.Count} clips of {r.KeywordLabels.Length} keywords (up to {r.ClipsPerKeyword} each), 1 s + {r.GapMs} ms gap each, {r.Keywords.Seconds:F1} s, {r.KeywordInferences} inferences"));
        var bg = string.Join(", ", TuneStreamBuilder.BackgroundLabels.Select(l => $"{l} {r.Background.Clips.Count(c => c.Label == l)}"));
        o.WriteLine(string.Create(Inv, $"background stream: {r.Background.Clips.Count} clips ({bg}), {r.Background.Seconds:F1} s, {r.BackgroundInferences} inferences"));
        o.WriteLine(string.Create(Inv, $"every setting: refractory_ms {r.RefractoryMs}, release {r.Release}{(r.Interval == 1 ? "" : $", interval {r.Interval}")}; limit {r.Limit} false detections per hour"));
        o.WriteLine();
        o.WriteLine("threshold  smoothing  detection  wrong  false  false/h");
        foreach (var row in r.Rows)
        {
            o.WriteLine(string.Create(Inv, $"{Threshold(row.Threshold),9}  {row.Smoothing,9}  {Percent(row.DetectionRate),9}  {row.Wrong,5}  {row.False,5}  {row.FalsePerHour,7:F1}"));
        }
        o.WriteLine();
        if (r.Best is not TuneRow best)
        {
            var fewest = r.Rows.OrderBy(x => x.False).ThenByDescending(x => x.Hits).First();
            o.WriteLine(string.Create(Inv, $"recommended: none: no setting has at most {r.Limit} false detections per hour (fewest: threshold {Threshold(fewest.Threshold)}, smoothing {fewest.Smoothing} with {fewest.FalsePerHour:F1} per hour and {Percent(fewest.DetectionRate)} detection)"));
            return;
        }
        o.WriteLine(string.Create(Inv, $"recommended: threshold {Threshold(best.Threshold)}, smoothing {best.Smoothing}: detection {Percent(best.DetectionRate)} ({best.Hits}/{best.Clips}), {best.Wrong} wrong, {best.False} false = {best.FalsePerHour:F1} per hour"));
        o.WriteLine("per keyword: " + string.Join(", ", best.PerKeyword.Select(k => $"{k.Keyword} {Percent(k.Clips == 0 ? 0 : (double)k.Hits / k.Clips)}")));
        o.WriteLine("action configuration lines:");
        foreach (var line in r.ConfigLines(best))
        {
            o.WriteLine(line);
        }
    }
}
