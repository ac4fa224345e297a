namespace KwsNano.Cli.Tuning;

/// <summary>The score of one detector setting.</summary>
/// <param name="Threshold">Keyword threshold.</param>
/// <param name="Smoothing">Moving-average window in inferences.</param>
/// <param name="Clips">Keyword clips played.</param>
/// <param name="Hits">Keyword clips detected as their own keyword.</param>
/// <param name="PerKeyword">Per keyword (in model label order): clips and hits.</param>
/// <param name="Wrong">Detections on the keyword stream that are not a hit (wrong keyword, or outside any clip's span).</param>
/// <param name="False">Detections on the background stream.</param>
/// <param name="BackgroundSeconds">Length of the background stream.</param>
public sealed record TuneRow(float Threshold, int Smoothing, int Clips, int Hits, IReadOnlyList<(string Keyword, int Clips, int Hits)> PerKeyword,
    int Wrong, int False, double BackgroundSeconds)
{
    /// <summary>Hits / clips (0 without clips).</summary>
    public double DetectionRate => Clips == 0 ? 0 : (double)Hits / Clips;

    /// <summary>False detections per hour of background audio.</summary>
    public double FalsePerHour => BackgroundSeconds <= 0 ? 0 : False * 3600.0 / BackgroundSeconds;
}
