using KwsNano.Kwsm;

namespace KwsNano.Reports;

/// <summary>Figures for one op of a packed model.</summary>
public sealed record LayerReport
{
    public required int Index { get; init; }
    /// <summary>Operator index in the source .tflite.</summary>
    public required int SourceIndex { get; init; }
    public required KwsmOpCode OpCode { get; init; }
    /// <summary>TFLite-style operator name (CONV_2D, ...).</summary>
    public required string OpName { get; init; }
    public required int[] InputShape { get; init; }
    /// <summary>Second input of ADD, else null.</summary>
    public int[]? Input1Shape { get; init; }
    public required int[] OutputShape { get; init; }
    /// <summary>(stride_h, stride_w) for windowed ops, else null.</summary>
    public (int H, int W)? Stride { get; init; }
    /// <summary>(filter_h, filter_w) for windowed ops, else null.</summary>
    public (int H, int W)? Filter { get; init; }
    /// <summary>"SAME"/"VALID" for windowed ops, else null.</summary>
    public string? Padding { get; init; }
    /// <summary>Fused activation: NONE, RELU, RELU6.</summary>
    public required string Activation { get; init; }
    /// <summary>Multiply-accumulates per inference.</summary>
    public required long Macs { get; init; }
    /// <summary>Weight and bias elements.</summary>
    public required long Parameters { get; init; }
    /// <summary>Constant bytes in the blob: weights + bias + quantisation table.</summary>
    public required long WeightBytes { get; init; }
    /// <summary>
    /// Arena bytes live while the op runs: its inputs, its output (not counted again when it is written in place over
    /// an input), and its scratch.
    /// </summary>
    public required long ActivationBytes { get; init; }
    public required int InputArenaOffset { get; init; }
    public required int OutputArenaOffset { get; init; }
    public required bool InPlace { get; init; }
    /// <summary>The input tensor is VIRTUAL (format 1.2: the op runs fused with the conv before it, reading its ring).</summary>
    public bool InputVirtual { get; init; }
    /// <summary>The output tensor is VIRTUAL (format 1.2: a FUSED_NEXT conv; never stored).</summary>
    public bool OutputVirtual { get; init; }
    /// <summary>Bytes of arena scratch the op's kernel gets (0 when none).</summary>
    public int ScratchSize { get; init; }
    /// <summary>Arena offset of that scratch (0 when none).</summary>
    public int ScratchOffset { get; init; }
}
