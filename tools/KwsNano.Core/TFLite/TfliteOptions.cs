namespace KwsNano.TFLite;

/// <summary>
/// Decoded builtin options of the supported operators (schema.fbs field order). Absent fields take the
/// schema defaults; absent options tables give all defaults.
/// </summary>
public sealed record TfliteOptions
{
    /// <summary>0 SAME, 1 VALID.</summary>
    public int Padding { get; init; }
    public int StrideW { get; init; } = 1;
    public int StrideH { get; init; } = 1;
    public int DilationW { get; init; } = 1;
    public int DilationH { get; init; } = 1;
    public int DepthMultiplier { get; init; }
    public int FilterWidth { get; init; }
    public int FilterHeight { get; init; }
    /// <summary>ActivationFunctionType: 0 NONE, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6, 4 TANH, 5 SIGN_BIT.</summary>
    public int FusedActivation { get; init; }
    public int WeightsFormat { get; init; }
    public bool KeepNumDims { get; init; }
    public float Beta { get; init; } = 1.0f;
    public int[] NewShape { get; init; } = Array.Empty<int>();

    // BuiltinOptions union type numbers (schema.fbs).
    public const byte Conv2DOptionsType = 1;
    public const byte DepthwiseConv2DOptionsType = 2;
    public const byte Pool2DOptionsType = 5;
    public const byte FullyConnectedOptionsType = 8;
    public const byte SoftmaxOptionsType = 9;
    public const byte AddOptionsType = 11;
    public const byte ReshapeOptionsType = 17;

    /// <summary>Decodes the options of <paramref name="op"/> for its builtin code; throws when the union type does not match.</summary>
    public static TfliteOptions Of(TfliteOperator op, string sourceName)
    {
        byte expected = op.BuiltinCode switch
        {
            TfliteBuiltinOperator.Conv2D => Conv2DOptionsType,
            TfliteBuiltinOperator.DepthwiseConv2D => DepthwiseConv2DOptionsType,
            TfliteBuiltinOperator.AveragePool2D or TfliteBuiltinOperator.MaxPool2D => Pool2DOptionsType,
            TfliteBuiltinOperator.FullyConnected => FullyConnectedOptionsType,
            TfliteBuiltinOperator.Softmax => SoftmaxOptionsType,
            TfliteBuiltinOperator.Add => AddOptionsType,
            TfliteBuiltinOperator.Reshape => ReshapeOptionsType,
            _ => 0,
        };
        if (op.Options is not { } t)
        {
            return new TfliteOptions();
        }
        if (op.OptionsType != expected)
        {
            throw new TfliteFormatException($"{sourceName}: operator {op.Index} ({op.Name}) has builtin_options type {op.OptionsType}, expected {expected}");
        }
        string what = $"operator {op.Index} ({op.Name}) options";
        return op.BuiltinCode switch
        {
            TfliteBuiltinOperator.Conv2D => new TfliteOptions
            {
                Padding = t.I8(0), StrideW = t.I32(1), StrideH = t.I32(2), FusedActivation = t.I8(3),
                DilationW = t.I32(4, 1), DilationH = t.I32(5, 1),
            },
            TfliteBuiltinOperator.DepthwiseConv2D => new TfliteOptions
            {
                Padding = t.I8(0), StrideW = t.I32(1), StrideH = t.I32(2), DepthMultiplier = t.I32(3),
                FusedActivation = t.I8(4), DilationW = t.I32(5, 1), DilationH = t.I32(6, 1),
            },
            TfliteBuiltinOperator.AveragePool2D or TfliteBuiltinOperator.MaxPool2D => new TfliteOptions
            {
                Padding = t.I8(0), StrideW = t.I32(1), StrideH = t.I32(2), FilterWidth = t.I32(3),
                FilterHeight = t.I32(4), FusedActivation = t.I8(5),
            },
            TfliteBuiltinOperator.FullyConnected => new TfliteOptions
            {
                FusedActivation = t.I8(0), WeightsFormat = t.I8(1), KeepNumDims = t.Bool(2),
            },
            TfliteBuiltinOperator.Softmax => new TfliteOptions { Beta = t.F32(0, 0f) },
            TfliteBuiltinOperator.Add => new TfliteOptions { FusedActivation = t.I8(0) },
            TfliteBuiltinOperator.Reshape => new TfliteOptions { NewShape = t.I32Vector(0, what + " new_shape") },
            _ => new TfliteOptions(),
        };
    }
}
