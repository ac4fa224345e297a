namespace KwsNano.TFLite;

/// <summary>One subgraph: tensors, graph inputs/outputs and operators in execution order.</summary>
public sealed class TfliteSubGraph
{
    public required IReadOnlyList<TfliteTensor> Tensors { get; init; }
    public required int[] Inputs { get; init; }
    public required int[] Outputs { get; init; }
    public required IReadOnlyList<TfliteOperator> Operators { get; init; }
    public string Name { get; init; } = "";
}
