namespace KwsNano.Conversion;

/// <summary>Choices made at conversion time.</summary>
public sealed record ConversionOptions
{
    /// <summary>Output labels, index 0 first; null = <c>class0..N-1</c> with a warning.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Front-end preset name (<see cref="FrontendPresets.Names"/>); null = chosen from the input size.</summary>
    public string? FrontendPreset { get; init; }
    /// <summary>
    /// Run equal-shape pointwise and 3x3 depthwise ops in place (<see cref="InPlacePlanner"/>) and a conv with the
    /// depthwise that reads its output fused through a row ring (<see cref="FusionPlanner"/>): a smaller arena
    /// (ds_cnn_s 16,000 -> 8,656 B) for more instructions per inference (the in-place kernels work a row or two at a
    /// time; kernels-native/cortex-m/README.md). Off by default: speed first, RAM when a board needs it.
    /// </summary>
    public bool InPlace { get; init; }
    /// <summary>
    /// Store the front-end tables in the blob (format 1.2 section, built by the host library, read in place from flash
    /// by the device: about 12 KB less RAM and no table build at start). On by default; off writes a blob whose device
    /// builds the tables in RAM at start, as before 1.2. Without the host library the section is left out with a
    /// warning.
    /// </summary>
    public bool FrontendTables { get; init; } = true;
}
