namespace KwsNano.Inference;

/// <summary>Shape (used dims, outermost first) and int8 quantisation of a model input or output.</summary>
public sealed record EngineTensorInfo(int[] Dims, float Scale, int ZeroPoint)
{
    /// <summary>Element count.</summary>
    public int Elements => Dims.Aggregate(1, (a, d) => a * d);
}
