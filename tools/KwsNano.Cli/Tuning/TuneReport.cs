using System.Globalization;
using KwsNano.Firmware;

namespace KwsNano.Cli.Tuning;

/// <summary>What <c>kwsnano tune</c> measured: the streams, the settings common to every row, every row and the recommendation.</summary>
/// <param name="Model">Model name.</param>
/// <param name="Backend">How the scores were computed.</param>
/// <param name="Keywords">The keyword stream.</param>
/// <param name="KeywordLabels">Keywords with clips in the data.</param>
/// <param name="ClipsPerKeyword">Clips per keyword asked for.</param>
/// <param name="GapMs">Silence after each keyword clip.</param>
/// <param name="KeywordInferences">Inferences over the keyword stream.</param>
/// <param name="Background">The background stream.</param>
/// <param name="BackgroundInferences">Inferences over the background stream.</param>
/// <param name="RefractoryMs">Refractory time of every row.</param>
/// <param name="Release">Release ratio of every row.</param>
/// <param name="Interval">Inference interval of every row (hops).</param>
/// <param name="Limit">False detections per hour allowed for the recommendation.</param>
/// <param name="Rows">One row per (threshold, smoothing).</param>
/// <param name="Best">The recommendation, or null when no row is within the limit.</param>
public sealed record TuneReport(string Model, StreamScorer.Backend Backend, TuneStream Keywords, string[] KeywordLabels, int ClipsPerKeyword, int GapMs,
    int KeywordInferences, TuneStream Background, int BackgroundInferences, int RefractoryMs, float Release, int Interval, double Limit,
    IReadOnlyList<TuneRow> Rows, TuneRow? Best)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The firmware configuration lines for <paramref name="row"/>: threshold and smoothing, then refractory, release
    /// and interval only where they differ from the firmware's defaults (interval 1 is written, since the default is auto).
    /// </summary>
    public List<string> ConfigLines(TuneRow row)
    {
        var lines = new List<string> { $"threshold {row.Threshold.ToString(Inv)}", $"smoothing {row.Smoothing}" };
        if (RefractoryMs != ActionConfig.DefaultRefractoryMs)
        {
            lines.Add($"refractory_ms {RefractoryMs}");
        }
        if (Release != new ActionConfig().ReleaseRatio)
        {
            lines.Add($"release {Release.ToString(Inv)}");
        }
        if (Interval != 1)
        {
            lines.Add($"interval {Interval}");
        }
        return lines;
    }
}
