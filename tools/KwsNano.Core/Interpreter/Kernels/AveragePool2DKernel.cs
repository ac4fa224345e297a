namespace KwsNano.Interpreter.Kernels;

/// <summary>Reference int8 AVERAGE_POOL_2D (TFLite <c>reference_integer_ops::AveragePool</c>); input and output share quantisation.</summary>
public static class AveragePool2DKernel
{
    /// <summary>
    /// For each output pixel and channel: sum of the in-bounds window values, count = number of in-bounds
    /// taps, result (sum + (sum &gt; 0 ? count/2 : -count/2)) / count with C truncating division (so halves
    /// round away from zero), clamped to [act_min, act_max].
    /// </summary>
    public static void Run(in PoolParams p, FeatureMapShape inputShape, ReadOnlySpan<sbyte> input,
        FeatureMapShape outputShape, Span<sbyte> output)
    {
        PoolCommon.Check(p, inputShape, input.Length, outputShape, output.Length, "average pool");
        int inH = inputShape.Height, inW = inputShape.Width, channels = inputShape.Channels;
        for (int oy = 0; oy < outputShape.Height; oy++)
        {
            int inY0 = oy * p.StrideH - p.PadTop;
            int fyStart = Math.Max(0, -inY0);
            int fyEnd = Math.Min(p.FilterH, inH - inY0);
            for (int ox = 0; ox < outputShape.Width; ox++)
            {
                int inX0 = ox * p.StrideW - p.PadLeft;
                int fxStart = Math.Max(0, -inX0);
                int fxEnd = Math.Min(p.FilterW, inW - inX0);
                for (int c = 0; c < channels; c++)
                {
                    // |sum| <= 128 * taps: int32 is safe for windows below 16 M taps.
                    int sum = 0;
                    int count = 0;
                    for (int fy = fyStart; fy < fyEnd; fy++)
                    {
                        for (int fx = fxStart; fx < fxEnd; fx++)
                        {
                            sum += input[((inY0 + fy) * inW + inX0 + fx) * channels + c];
                            count++;
                        }
                    }
                    if (count == 0)
                    {
                        // TFLite's reference refuses this (returns false); the window lies wholly in padding.
                        throw new InvalidOperationException(
                            $"average pool window at output ({oy}, {ox}) covers no input element");
                    }
                    int avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
                    output[(oy * outputShape.Width + ox) * channels + c] = (sbyte)KernelChecks.ClampToAct(avg, p.ActMin, p.ActMax);
                }
            }
        }
    }
}
