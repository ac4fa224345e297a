namespace KwsNano.Kwsm;

/// <summary>An activation tensor record: NHWC dims (rank 1..4), arena placement, int8 quantisation.</summary>
public sealed class KwsmTensor
{
    /// <summary>Used dims, outermost first (length = rank).</summary>
    public required int[] Dims { get; init; }
    /// <summary>Byte offset in the arena (16-aligned).</summary>
    public int ArenaOffset { get; set; }
    /// <summary>
    /// Format 1.2 tensor flag VIRTUAL (bit 0): never stored, arena_offset 0. Only the output of a CONV_2D marked
    /// <see cref="KwsmOpFlags.FusedNext"/>, which the depthwise after it reads through a row ring in the conv's scratch.
    /// </summary>
    public bool Virtual { get; set; }
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
