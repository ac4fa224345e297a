namespace KwsNano.Kwsm;

/// <summary>Op record flags (op table offset 26).</summary>
[Flags]
public enum KwsmOpFlags : ushort
{
    None = 0,
    /// <summary>Output occupies the same arena bytes as input0.</summary>
    InPlace = 1,
    /// <summary>Quantisation table has one (multiplier, shift) per output channel.</summary>
    PerChannel = 2,
    /// <summary>Bias already includes input_offset * sum(weights).</summary>
    OffsetFolded = 4,
    /// <summary>1.2, CONV_2D only: runs fused with the next op, a DEPTHWISE_CONV_2D reading this op's (VIRTUAL) output.</summary>
    FusedNext = 8,
}
