using KwsNano.Firmware;

namespace KwsNano.Cli.Tuning;

/// <summary>
/// Replays a stream's probabilities through the firmware's own <see cref="PosteriorSmoother"/> and
/// <see cref="KeywordDetector"/> (the classes KwsApp uses, compiled for the desktop), each inference stamped with
/// the time its window ends, exactly as KwsApp feeds them.
/// </summary>
public static class DetectorReplay
{
    /// <summary>
    /// The firmware configuration text for one detector setting (no actions, no statistics line) with a fixed
    /// inference interval in hops.
    /// </summary>
    public static string ConfigText(float threshold, int smoothing, int refractoryMs, float releaseRatio, int interval = 1) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"threshold {threshold}\nsmoothing {smoothing}\nrefractory_ms {refractoryMs}\nrelease {releaseRatio}\nstats_ms 0\ninterval {interval}\n");

    /// <summary>
    /// Every detection on <paramref name="scores"/> (one inference per hop) with <paramref name="config"/>. With an
    /// inference interval N the device's stream outputs are exactly every N-th of these, starting with the first
    /// (kws_stream_set_interval), and its smoother averages <see cref="IntervalPlanner.SmoothingInferences"/> of
    /// them, so the replay takes the same subset. "interval auto" replays every hop (what a fast board chooses).
    /// </summary>
    public static List<ReplayDetection> Run(StreamScores scores, string[] labels, ActionConfig config)
    {
        int interval = config.InferenceInterval == ActionConfig.AutoInferenceInterval ? 1 : config.InferenceInterval;
        var smoother = new PosteriorSmoother(labels.Length, IntervalPlanner.SmoothingInferences(config.SmoothingWindow, interval));
        var detector = new KeywordDetector(labels, config);
        var result = new List<ReplayDetection>();
        for (int i = 0; i < scores.Count; i += interval)
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
