using KwsNano.Firmware;

namespace KwsNano.Cli.Tuning;

/// <summary>
/// Replays a stream's probabilities through the firmware's own <see cref="PosteriorSmoother"/> and
/// <see cref="KeywordDetector"/> (the classes KwsApp uses, compiled for the desktop), each inference stamped with
/// the time its window ends, exactly as KwsApp feeds them.
/// </summary>
public static class DetectorReplay
{
    /// <summary>The firmware configuration text for one detector setting (no actions, no statistics line).</summary>
    public static string ConfigText(float threshold, int smoothing, int refractoryMs, float releaseRatio) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"threshold {threshold}\nsmoothing {smoothing}\nrefractory_ms {refractoryMs}\nrelease {releaseRatio}\nstats_ms 0\n");

    /// <summary>Every detection on <paramref name="scores"/> with <paramref name="config"/>.</summary>
    public static List<ReplayDetection> Run(StreamScores scores, string[] labels, ActionConfig config)
    {
        var smoother = new PosteriorSmoother(labels.Length, config.SmoothingWindow);
        var detector = new KeywordDetector(labels, config);
        var result = new List<ReplayDetection>();
        for (int i = 0; i < scores.Count; i++)
        {
            float[] smoothed = smoother.Add(scores.Probabilities[i]);
            int hit = detector.Process(smoothed, scores.WindowEndUs(i));
            if (hit >= 0)
            {
                result.Add(new ReplayDetection(hit, labels[hit], scores.WindowEndSamples[i], smoothed[hit]));
            }
        }
        return result;
    }
}
