namespace KwsNano.Interpreter.Kernels;

/// <summary>Window geometry and output clamp of AVERAGE_POOL_2D / MAX_POOL_2D.</summary>
public readonly record struct PoolParams
{
    /// <summary>Vertical stride (&gt;= 1).</summary>
    public int StrideH { get; init; }
    /// <summary>Horizontal stride (&gt;= 1).</summary>
    public int StrideW { get; init; }
    /// <summary>Window height.</summary>
    public int FilterH { get; init; }
    /// <summary>Window width.</summary>
    public int FilterW { get; init; }
    /// <summary>Implicit padding rows above the input.</summary>
    public int PadTop { get; init; }
    /// <summary>Implicit padding columns left of the input.</summary>
    public int PadLeft { get; init; }
    /// <summary>Output clamp low.</summary>
    public int ActMin { get; init; }
    /// <summary>Output clamp high.</summary>
    public int ActMax { get; init; }
}
