namespace KwsNano.Interpreter.Kernels;

/// <summary>Reference int8 MAX_POOL_2D (TFLite <c>reference_integer_ops::MaxPool</c>).</summary>
public static class MaxPool2DKernel
{
    /// <summary>Maximum of the in-bounds window values per channel, clamped to [act_min, act_max].</summary>
    public static void Run(in PoolParams p, FeatureMapShape inputShape, ReadOnlySpan<sbyte> input,
        FeatureMapShape outputShape, Span<sbyte> output)
    {
        PoolCommon.Check(p, inputShape, input.Length, outputShape, output.Length, "max pool");
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
                    int max = sbyte.MinValue;
                    int count = 0;
                    for (int fy = fyStart; fy < fyEnd; fy++)
                    {
                        for (int fx = fxStart; fx < fxEnd; fx++)
                        {
                            max = Math.Max(max, input[((inY0 + fy) * inW + inX0 + fx) * channels + c]);
                            count++;
                        }
                    }
                    if (count == 0)
                    {
                        throw new InvalidOperationException(
                            $"max pool window at output ({oy}, {ox}) covers no input element");
                    }
                    output[(oy * outputShape.Width + ox) * channels + c] = (sbyte)KernelChecks.ClampToAct(max, p.ActMin, p.ActMax);
                }
            }
        }
    }
}
