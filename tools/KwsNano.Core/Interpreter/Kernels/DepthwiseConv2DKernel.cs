using KwsNano.Quantization;

namespace KwsNano.Interpreter.Kernels;

/// <summary>
/// Reference int8 DEPTHWISE_CONV_2D (TFLite <c>reference_integer_ops::DepthwiseConvPerChannel</c>): weights
/// [FilterH][FilterW][Cout], output channel oc = ic * depth_multiplier + m reads input channel ic only.
/// </summary>
public static class DepthwiseConv2DKernel
{
    /// <summary>
    /// out[y][x][oc] = clamp(MBQM(bias[oc] + sum over in-bounds taps of w[fy][fx][oc] * (in[..][ic] + input_offset)) + output_offset).
    /// </summary>
    /// <param name="p">Geometry (including <see cref="ConvParams.DepthMultiplier"/>), offsets and clamp.</param>
    /// <param name="multipliers">Requantisation multipliers, 1 or one per output channel.</param>
    /// <param name="shifts">Requantisation shifts, same count.</param>
    /// <param name="inputShape">Input feature map shape.</param>
    /// <param name="input">Input int8 NHWC.</param>
    /// <param name="weights">int8 [FilterH][FilterW][Cout].</param>
    /// <param name="bias">int32 [Cout], or empty.</param>
    /// <param name="outputShape">Output shape; Channels = input channels * depth multiplier.</param>
    /// <param name="output">Output int8 NHWC.</param>
    public static void Run(in ConvParams p, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts,
        FeatureMapShape inputShape, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias,
        FeatureMapShape outputShape, Span<sbyte> output)
    {
        inputShape.Validate("depthwise input");
        outputShape.Validate("depthwise output");
        KernelChecks.Positive(p.StrideH, "stride_h");
        KernelChecks.Positive(p.StrideW, "stride_w");
        KernelChecks.Positive(p.FilterH, "filter_h");
        KernelChecks.Positive(p.FilterW, "filter_w");
        KernelChecks.Positive(p.DepthMultiplier, "depth_multiplier");
        KernelChecks.Clamp(p.ActMin, p.ActMax);
        int inH = inputShape.Height, inW = inputShape.Width, inC = inputShape.Channels;
        int outH = outputShape.Height, outW = outputShape.Width, outC = outputShape.Channels;
        KernelChecks.Length(outC, inC * p.DepthMultiplier, "depthwise output channels");
        KernelChecks.Length(input.Length, inputShape.Size, "depthwise input");
        KernelChecks.Length(output.Length, outputShape.Size, "depthwise output");
        KernelChecks.Length(weights.Length, p.FilterH * p.FilterW * outC, "depthwise weights");
        KernelChecks.BiasAndQuant(bias.Length, multipliers.Length, shifts.Length, outC);
        int tapOffset = p.OffsetFolded ? 0 : p.InputOffset;

        for (int oy = 0; oy < outH; oy++)
        {
            int inY0 = oy * p.StrideH - p.PadTop;
            for (int ox = 0; ox < outW; ox++)
            {
                int inX0 = ox * p.StrideW - p.PadLeft;
                for (int ic = 0; ic < inC; ic++)
                {
                    for (int m = 0; m < p.DepthMultiplier; m++)
                    {
                        int oc = ic * p.DepthMultiplier + m;
                        // |w * (x + offset)| <= 32,640 per tap; a window of up to 65,793 taps fits int32.
                        int acc = 0;
                        for (int fy = 0; fy < p.FilterH; fy++)
                        {
                            int iy = inY0 + fy;
                            if (iy < 0 || iy >= inH)
                            {
                                Conv2DKernel.CheckNotFolded(p, iy, -1);
                                continue;
                            }
                            for (int fx = 0; fx < p.FilterW; fx++)
                            {
                                int ix = inX0 + fx;
                                if (ix < 0 || ix >= inW)
                                {
                                    Conv2DKernel.CheckNotFolded(p, iy, ix);
                                    continue;
                                }
                                int w = weights[(fy * p.FilterW + fx) * outC + oc];
                                int x = input[(iy * inW + ix) * inC + ic];
                                acc = unchecked(acc + w * (x + tapOffset));
                            }
                        }
                        if (bias.Length != 0)
                        {
                            acc = unchecked(acc + bias[oc]);
                        }
                        int q = multipliers.Length == 1 ? 0 : oc;
                        acc = FixedPoint.MultiplyByQuantizedMultiplier(acc, multipliers[q], shifts[q]);
                        acc += p.OutputOffset;
                        output[(oy * outW + ox) * outC + oc] = (sbyte)KernelChecks.ClampToAct(acc, p.ActMin, p.ActMax);
                    }
                }
            }
        }
    }
}
