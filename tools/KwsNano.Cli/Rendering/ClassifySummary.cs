namespace KwsNano.Cli.Rendering;

/// <summary>What <c>kwsnano classify</c> found for one clip: every class ranked, and where the time went.</summary>
/// <param name="File">The clip's file name (no folder).</param>
/// <param name="Model">The model's name.</param>
/// <param name="Labels">Class labels, in ranked order (best first).</param>
/// <param name="Probabilities">Probability of each label in <paramref name="Labels"/> (dequantised softmax output).</param>
/// <param name="ClipSeconds">Length of the clip.</param>
/// <param name="WindowSeconds">Length of the model's window: the part of the clip that was classified.</param>
/// <param name="Frontend">The front-end that made the features (e.g. "native front-end (arm-mfcc-49x10)").</param>
/// <param name="Engine">The network engine (native or interpreter).</param>
/// <param name="FrontendMs">Front-end time in milliseconds (host wall time).</param>
/// <param name="NetworkMs">Network time in milliseconds (host wall time).</param>
/// <param name="TotalMs">Total time in milliseconds.</param>
public sealed record ClassifySummary(
    string File,
    string Model,
    IReadOnlyList<string> Labels,
    IReadOnlyList<double> Probabilities,
    double ClipSeconds,
    double WindowSeconds,
    string Frontend,
    string Engine,
    double FrontendMs,
    double NetworkMs,
    double TotalMs)
{
    /// <summary>The best class.</summary>
    public string Top => Labels[0];

    /// <summary>True when the clip is longer than the window (only its start was classified).</summary>
    public bool Truncated => ClipSeconds > WindowSeconds + 1e-9;
}
