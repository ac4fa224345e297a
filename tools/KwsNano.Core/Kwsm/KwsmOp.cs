namespace KwsNano.Kwsm;

/// <summary>
/// One op record (docs/kwsm-format.md). Constant data is held as arrays here; the writer places it in
/// the data section and the reader fills it back from there.
/// </summary>
public sealed class KwsmOp
{
    public required KwsmOpCode OpCode { get; init; }
    public byte WeightLayout { get; init; }
    /// <summary>0 none, 1 RELU, 2 RELU6 (informational).</summary>
    public byte Activation { get; init; }
    /// <summary>0 SAME, 1 VALID (informational).</summary>
    public byte Padding { get; init; }
    public required int Input0 { get; init; }
    /// <summary>Second input (ADD) or -1.</summary>
    public int Input1 { get; init; } = -1;
    public required int Output { get; init; }
    /// <summary>Operator index in the source .tflite subgraph.</summary>
    public int SourceIndex { get; init; }
    public int StrideH { get; init; }
    public int StrideW { get; init; }
    public int FilterH { get; init; }
    public int FilterW { get; init; }
    public int PadTop { get; init; }
    public int PadLeft { get; init; }
    public int DepthMultiplier { get; init; }
    public KwsmOpFlags Flags { get; set; }
    public int ActMin { get; init; } = -128;
    public int ActMax { get; init; } = 127;
    /// <summary>int8 weights in the reference layout, or null.</summary>
    public sbyte[]? Weights { get; init; }
    /// <summary>int32 bias per output channel (folded when <see cref="KwsmOpFlags.OffsetFolded"/>), or null.</summary>
    public int[]? Bias { get; init; }
    /// <summary>Quantisation table as int32 values (conv/fc: multipliers then shifts; ADD: 6 values), or null.</summary>
    public int[]? Quant { get; init; }
    /// <summary>Arena offset of the op's kernel scratch (placed by <see cref="Conversion.MemoryPlanner"/>; 0 when none).</summary>
    public int ScratchOffset { get; set; }
    /// <summary>Bytes of arena scratch the op's kernel needs (<see cref="Conversion.KernelScratch"/>).</summary>
    public int ScratchSize { get; set; }
    /// <summary>Opcode-specific parameters p[0..6].</summary>
    public int[] P { get; init; } = new int[7];
}
