namespace KwsNano.Interpreter.Kernels;

/// <summary>TFLite int8 ADD parameters (.kwsm p[0..3] and the 6-entry quant table), shifts &lt;= 0.</summary>
public readonly record struct AddParams
{
    /// <summary>-(input0 zero point).</summary>
    public int Input0Offset { get; init; }
    /// <summary>-(input1 zero point).</summary>
    public int Input1Offset { get; init; }
    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; init; }
    /// <summary>Common left shift of both inputs (20 in TFLite int8).</summary>
    public int LeftShift { get; init; }
    /// <summary>Input0 rescale multiplier.</summary>
    public int Input0Multiplier { get; init; }
    /// <summary>Input0 rescale shift (&lt;= 0).</summary>
    public int Input0Shift { get; init; }
    /// <summary>Input1 rescale multiplier.</summary>
    public int Input1Multiplier { get; init; }
    /// <summary>Input1 rescale shift (&lt;= 0).</summary>
    public int Input1Shift { get; init; }
    /// <summary>Output rescale multiplier.</summary>
    public int OutputMultiplier { get; init; }
    /// <summary>Output rescale shift (&lt;= 0).</summary>
    public int OutputShift { get; init; }
    /// <summary>Output clamp low.</summary>
    public int ActMin { get; init; }
    /// <summary>Output clamp high.</summary>
    public int ActMax { get; init; }
}
