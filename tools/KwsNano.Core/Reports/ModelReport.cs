using KwsNano.Kwsm;

namespace KwsNano.Reports;

/// <summary>
/// Per-layer and total figures of a packed model (MACs, parameters, weight and activation bytes, arena
/// placement, flash size, compression against float32). Used by <c>inspect</c> and other commands.
/// </summary>
public sealed class ModelReport
{
    public required string Name { get; init; }
    public required KwsmModel Model { get; init; }
    public required IReadOnlyList<LayerReport> Layers { get; init; }
    /// <summary>Weight and bias elements of every op.</summary>
    public required long Parameters { get; init; }
    public required long Macs { get; init; }
    /// <summary>Size of the .kwsm blob (what goes into flash).</summary>
    public required long FlashBytes { get; init; }
    public required long ArenaBytes { get; init; }
    /// <summary>Size of the parameters stored as float32 (4 bytes each).</summary>
    public long Float32Bytes => Parameters * 4;
    /// <summary>float32 parameter bytes divided by the packed blob size.</summary>
    public double CompressionRatio => FlashBytes == 0 ? 0 : (double)Float32Bytes / FlashBytes;
    /// <summary>Largest single activation tensor in bytes.</summary>
    public long LargestActivationBytes => Model.Tensors.Max(t => (long)t.Size);

    /// <summary>Builds the report of <paramref name="model"/>; <paramref name="flashBytes"/> is its blob size (0 = write it to measure).</summary>
    public static ModelReport Create(string name, KwsmModel model, long flashBytes = 0)
    {
        if (flashBytes <= 0)
        {
            flashBytes = KwsmWriter.Write(model).Length;
        }
        var layers = new List<LayerReport>();
        for (int i = 0; i < model.Ops.Count; i++)
        {
            layers.Add(Layer(model, i));
        }
        return new ModelReport
        {
            Name = name,
            Model = model,
            Layers = layers,
            Parameters = layers.Sum(l => l.Parameters),
            Macs = layers.Sum(l => l.Macs),
            FlashBytes = flashBytes,
            ArenaBytes = model.ArenaBytes,
        };
    }

    /// <summary>TFLite-style name of a packed opcode.</summary>
    public static string OpName(KwsmOpCode code) => code switch
    {
        KwsmOpCode.Conv2D => "CONV_2D",
        KwsmOpCode.DepthwiseConv2D => "DEPTHWISE_CONV_2D",
        KwsmOpCode.FullyConnected => "FULLY_CONNECTED",
        KwsmOpCode.AveragePool2D => "AVERAGE_POOL_2D",
        KwsmOpCode.MaxPool2D => "MAX_POOL_2D",
        KwsmOpCode.Reshape => "RESHAPE",
        KwsmOpCode.Softmax => "SOFTMAX",
        KwsmOpCode.Add => "ADD",
        _ => code.ToString(),
    };

    /// <summary>Multiply-accumulates of op <paramref name="index"/>: conv OH*OW*Cout*fh*fw*Cin, depthwise OH*OW*Cout*fh*fw, FC rows*Cout*K, others 0.</summary>
    public static long OpMacs(KwsmModel model, int index)
    {
        var op = model.Ops[index];
        var input = model.Tensors[op.Input0];
        var output = model.Tensors[op.Output];
        long outPixels = output.Dims.Length == 4 ? (long)output.Dims[1] * output.Dims[2] : 0;
        switch (op.OpCode)
        {
            case KwsmOpCode.Conv2D:
                return outPixels * output.Channels * op.FilterH * op.FilterW * input.Channels;
            case KwsmOpCode.DepthwiseConv2D:
                return outPixels * output.Channels * op.FilterH * op.FilterW;
            case KwsmOpCode.FullyConnected:
            {
                long cout = output.Channels;
                long rows = output.Size / cout;
                long k = input.Size / rows;
                return rows * cout * k;
            }
            default:
                return 0;
        }
    }

    /// <summary>
    /// Arena bytes live while the op runs: its inputs, its output unless it is written over an input (in place, or
    /// a reshape's alias: same arena offset), and its scratch. A VIRTUAL tensor (a fused conv's output, never stored:
    /// its rows live in the pair's ring scratch) takes no arena of its own.
    /// </summary>
    private static long ActivationFootprint(KwsmTensor input, KwsmTensor? input1, KwsmTensor output, int scratch)
    {
        static long Stored(KwsmTensor? t) => t == null || t.Virtual ? 0 : t.Size;
        long inputs = Stored(input) + Stored(input1);
        bool overInput = !output.Virtual && (output.ArenaOffset == input.ArenaOffset || (input1 != null && output.ArenaOffset == input1.ArenaOffset));
        return (overInput ? Math.Max(inputs, Stored(output)) : inputs + Stored(output)) + scratch;
    }

    private static LayerReport Layer(KwsmModel model, int i)
    {
        var op = model.Ops[i];
        var input = model.Tensors[op.Input0];
        var input1 = op.Input1 >= 0 ? model.Tensors[op.Input1] : null;
        var output = model.Tensors[op.Output];
        bool windowed = op.OpCode is KwsmOpCode.Conv2D or KwsmOpCode.DepthwiseConv2D or KwsmOpCode.AveragePool2D or KwsmOpCode.MaxPool2D;
        long weights = op.Weights?.Length ?? 0;
        long bias = op.Bias?.Length ?? 0;
        long quant = op.Quant?.Length ?? 0;
        return new LayerReport
        {
            Index = i,
            SourceIndex = op.SourceIndex,
            OpCode = op.OpCode,
            OpName = OpName(op.OpCode),
            InputShape = input.Dims,
            Input1Shape = input1?.Dims,
            OutputShape = output.Dims,
            Stride = windowed ? (op.StrideH, op.StrideW) : null,
            Filter = windowed ? (op.FilterH, op.FilterW) : null,
            Padding = windowed ? (op.Padding == 0 ? "SAME" : "VALID") : null,
            Activation = op.Activation switch { 1 => "RELU", 2 => "RELU6", _ => "NONE" },
            Macs = OpMacs(model, i),
            Parameters = weights + bias,
            WeightBytes = weights + 4 * bias + 4 * quant,
            ActivationBytes = ActivationFootprint(input, input1, output, op.ScratchSize),
            InputArenaOffset = input.ArenaOffset,
            OutputArenaOffset = output.ArenaOffset,
            InPlace = (op.Flags & KwsmOpFlags.InPlace) != 0,
            InputVirtual = input.Virtual,
            OutputVirtual = output.Virtual,
            ScratchSize = op.ScratchSize,
            ScratchOffset = op.ScratchOffset,
        };
    }
}
