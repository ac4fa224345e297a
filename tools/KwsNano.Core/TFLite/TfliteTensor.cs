namespace KwsNano.TFLite;

/// <summary>One tensor of a subgraph.</summary>
public sealed class TfliteTensor
{
    public required int Index { get; init; }
    public required int[] Shape { get; init; }
    public required TfliteTensorType Type { get; init; }
    /// <summary>Index into <see cref="TfliteModel.Buffers"/> (0 = the empty sentinel buffer).</summary>
    public required int Buffer { get; init; }
    public required string Name { get; init; }
    public required TfliteQuantization Quantization { get; init; }
    public bool IsVariable { get; init; }
    public bool HasSparsity { get; init; }
    public int[] ShapeSignature { get; init; } = Array.Empty<int>();

    /// <summary>Product of the shape (1 for a scalar).</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, d) => a * d);

    /// <summary>Shape as "[1,49,10,1]".</summary>
    public string ShapeText => "[" + string.Join(",", Shape) + "]";
}
