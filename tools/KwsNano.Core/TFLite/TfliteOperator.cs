namespace KwsNano.TFLite;

/// <summary>One operator of a subgraph, with its resolved operator code.</summary>
public sealed class TfliteOperator
{
    public required int Index { get; init; }
    public required int OpcodeIndex { get; init; }
    /// <summary>Builtin operator code: max(deprecated_builtin_code, builtin_code).</summary>
    public required int BuiltinCode { get; init; }
    /// <summary>Custom operator name when <see cref="BuiltinCode"/> is CUSTOM (32).</summary>
    public string? CustomCode { get; init; }
    public int Version { get; init; } = 1;
    /// <summary>Tensor indices; -1 marks an omitted optional input.</summary>
    public required int[] Inputs { get; init; }
    public required int[] Outputs { get; init; }
    /// <summary>BuiltinOptions union type (0 = none).</summary>
    public byte OptionsType { get; init; }
    /// <summary>The options table, or null.</summary>
    public FlatTable? Options { get; init; }

    /// <summary>Operator name for messages (e.g. CONV_2D, or CUSTOM(name)).</summary>
    public string Name => BuiltinCode == TfliteBuiltinOperator.Custom && CustomCode != null
        ? $"CUSTOM({CustomCode})"
        : TfliteBuiltinOperator.Name(BuiltinCode);
}
