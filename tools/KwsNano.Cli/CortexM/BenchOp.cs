using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>One op of a benchmarked model: instructions counted on the target and its MACs.</summary>
public sealed record BenchOp
{
    /// <summary>Index in the .kwsm op table.</summary>
    public int Index { get; init; }

    /// <summary>Opcode name (CONV_2D ...).</summary>
    public string Opcode { get; init; } = "";

    /// <summary>Operator index in the source .tflite.</summary>
    public int SourceIndex { get; init; }

    /// <summary>Multiply-accumulates (conv, depthwise, fully connected; 0 otherwise).</summary>
    public long Macs { get; init; }

    /// <summary>Instructions executed by the op (QEMU -icount, resolution 40).</summary>
    public long Instructions { get; init; }
}
