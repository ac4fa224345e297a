namespace KwsNano.Conversion;

/// <summary>TFLite <c>CalculateActivationRangeQuantized</c> for int8 outputs.</summary>
public static class ActivationRange
{
    /// <summary>
    /// Clamp range for fused activation <paramref name="kwsmActivation"/> (0 none, 1 RELU, 2 RELU6) on an int8
    /// output with <paramref name="scale"/> and <paramref name="zeroPoint"/>; rounding half away from zero like TfLiteRound.
    /// </summary>
    public static (int Min, int Max) Int8(int kwsmActivation, float scale, int zeroPoint)
    {
        const int qmin = -128, qmax = 127;
        int Quantize(float x) => (int)Math.Clamp(zeroPoint + (double)MathF.Round(x / scale, MidpointRounding.AwayFromZero), -1e6, 1e6);
        return kwsmActivation switch
        {
            0 => (qmin, qmax),
            1 => (Math.Max(qmin, Quantize(0f)), qmax),
            2 => (Math.Max(qmin, Quantize(0f)), Math.Min(qmax, Quantize(6f))),
            _ => throw new ArgumentOutOfRangeException(nameof(kwsmActivation)),
        };
    }
}
