namespace KwsNano.Kwsm;

/// <summary>An activation tensor record: NHWC dims (rank 1..4), arena placement, int8 quantisation.</summary>
public sealed class KwsmTensor
{
    /// <summary>Used dims, outermost first (length = rank).</summary>
    public required int[] Dims { get; init; }
    /// <summary>Byte offset in the arena (16-aligned).</summary>
    public int ArenaOffset { get; set; }
    /// <summary>Quantisation scale (&gt; 0).</summary>
    public required float Scale { get; init; }
    /// <summary>Quantisation zero point (-128..127).</summary>
    public required int ZeroPoint { get; init; }
    /// <summary>Name in the source model (not stored in the blob; empty when read back).</summary>
    public string Name { get; init; } = "";
    /// <summary>Element count = bytes (int8).</summary>
    public int Size => Dims.Aggregate(1, (a, d) => a * d);
    /// <summary>Last dimension (channels / classes).</summary>
    public int Channels => Dims[^1];
}
