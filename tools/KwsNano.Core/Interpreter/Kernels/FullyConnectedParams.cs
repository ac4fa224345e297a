namespace KwsNano.Interpreter.Kernels;

/// <summary>Quantisation offsets and clamp of FULLY_CONNECTED.</summary>
public readonly record struct FullyConnectedParams
{
    /// <summary>-(input zero point).</summary>
    public int InputOffset { get; init; }
    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; init; }
    /// <summary>Output clamp low.</summary>
    public int ActMin { get; init; }
    /// <summary>Output clamp high.</summary>
    public int ActMax { get; init; }
    /// <summary>The bias already holds input_offset * sum(weights of the row).</summary>
    public bool OffsetFolded { get; init; }
}
