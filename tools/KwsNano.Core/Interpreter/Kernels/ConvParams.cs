namespace KwsNano.Interpreter.Kernels;

/// <summary>Geometry and quantisation offsets of a CONV_2D or DEPTHWISE_CONV_2D (docs/kwsm-format.md "Per opcode").</summary>
public readonly record struct ConvParams
{
    /// <summary>Vertical stride (&gt;= 1).</summary>
    public int StrideH { get; init; }
    /// <summary>Horizontal stride (&gt;= 1).</summary>
    public int StrideW { get; init; }
    /// <summary>Filter height.</summary>
    public int FilterH { get; init; }
    /// <summary>Filter width.</summary>
    public int FilterW { get; init; }
    /// <summary>Implicit padding rows above the input.</summary>
    public int PadTop { get; init; }
    /// <summary>Implicit padding columns left of the input.</summary>
    public int PadLeft { get; init; }
    /// <summary>Depthwise only: output channels per input channel.</summary>
    public int DepthMultiplier { get; init; }
    /// <summary>-(input zero point).</summary>
    public int InputOffset { get; init; }
    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; init; }
    /// <summary>Output clamp low (int8 domain).</summary>
    public int ActMin { get; init; }
    /// <summary>Output clamp high (int8 domain).</summary>
    public int ActMax { get; init; }
    /// <summary>The bias already holds input_offset * sum(weights); the kernel accumulates bias + sum(w * x).</summary>
    public bool OffsetFolded { get; init; }
}
