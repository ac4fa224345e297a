namespace KwsNano.Conversion;

/// <summary>Choices made at conversion time.</summary>
public sealed record ConversionOptions
{
    /// <summary>Output labels, index 0 first; null = <c>class0..N-1</c> with a warning.</summary>
    public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>Front-end preset name (<see cref="FrontendPresets.Names"/>); null = chosen from the input size.</summary>
    public string? FrontendPreset { get; init; }
}
