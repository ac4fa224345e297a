namespace KwsNano.TFLite;

/// <summary>TFLite <c>QuantizationParameters</c> of a tensor (affine only; empty arrays when absent).</summary>
public sealed class TfliteQuantization
{
    public static readonly TfliteQuantization None = new();

    public float[] Min { get; init; } = Array.Empty<float>();
    public float[] Max { get; init; } = Array.Empty<float>();
    public float[] Scale { get; init; } = Array.Empty<float>();
    public long[] ZeroPoint { get; init; } = Array.Empty<long>();
    /// <summary>Union type of <c>details</c> (0 = none; anything else is a custom quantisation).</summary>
    public byte DetailsType { get; init; }
    public int QuantizedDimension { get; init; }

    /// <summary>True when the tensor carries at least one scale.</summary>
    public bool IsQuantized => Scale.Length > 0;
}
