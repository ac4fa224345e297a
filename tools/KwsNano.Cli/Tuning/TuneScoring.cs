namespace KwsNano.Cli.Tuning;

/// <summary>
/// Scores detections on the keyword stream. A detection is a hit for the clip that was playing when its window
/// ended, if its keyword is that clip's label; a clip "is playing" from 200 ms after its start to 200 ms after the
/// next clip's start (the word must be at least 200 ms into the window; the rule of FirmwareStreamTests). Every
/// other detection (another keyword, or before the first clip) counts as wrong. Repeated detections of a clip's
/// own keyword are hits of that clip, not wrong.
/// </summary>
public static class TuneScoring
{
    /// <summary>Minimum time a clip must have been playing for a window ending then to be credited to it.</summary>
    public const int MinIntoWindowMs = 200;

    /// <summary>Index of the clip credited with a window ending at <paramref name="windowEndSample"/>, or -1.</summary>
    public static int ClipAt(TuneStream stream, long windowEndSample)
    {
        long point = windowEndSample - (long)stream.SampleRate * MinIntoWindowMs / 1000;
        int lo = 0, hi = stream.Clips.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (stream.Clips[mid].StartSample <= point)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found;
    }

    /// <summary>Which clips were hit, and how many detections were wrong.</summary>
    public static (bool[] Hit, int Wrong) Score(TuneStream stream, IEnumerable<ReplayDetection> detections)
    {
        var hit = new bool[stream.Clips.Count];
        int wrong = 0;
        foreach (var d in detections)
        {
            int clip = ClipAt(stream, d.WindowEndSample);
            if (clip >= 0 && stream.Clips[clip].Label == d.Label)
            {
                hit[clip] = true;
            }
            else
            {
                wrong++;
            }
        }
        return (hit, wrong);
    }

    /// <summary>The row for one setting.</summary>
    public static TuneRow Row(float threshold, int smoothing, TuneStream keywords, IReadOnlyList<string> keywordLabels,
        IEnumerable<ReplayDetection> keywordDetections, int falseDetections, double backgroundSeconds)
    {
        var (hit, wrong) = Score(keywords, keywordDetections);
        var per = keywordLabels.Select(k =>
        {
            var idx = Enumerable.Range(0, keywords.Clips.Count).Where(i => keywords.Clips[i].Label == k).ToList();
            return (k, idx.Count, idx.Count(i => hit[i]));
        }).ToList();
        return new TuneRow(threshold, smoothing, hit.Length, hit.Count(h => h), per, wrong, falseDetections, backgroundSeconds);
    }

    /// <summary>
    /// The recommended row: highest detection rate among rows with at most <paramref name="maxFalsePerHour"/> false
    /// detections per hour; ties go to fewer false detections, then fewer wrong ones, then grid order. Null when no
    /// row qualifies.
    /// </summary>
    public static TuneRow? Recommend(IReadOnlyList<TuneRow> rows, double maxFalsePerHour)
    {
        TuneRow? best = null;
        foreach (var r in rows)
        {
            if (r.FalsePerHour > maxFalsePerHour)
            {
                continue;
            }
            if (best == null || r.Hits > best.Hits || (r.Hits == best.Hits && (r.False < best.False || (r.False == best.False && r.Wrong < best.Wrong))))
            {
                best = r;
            }
        }
        return best;
    }
}
