using KwsNano.Quantization;

namespace KwsNano.Interpreter.Kernels;

/// <summary>
/// Reference int8 CONV_2D (TFLite <c>reference_integer_ops::ConvPerChannel</c> semantics): weights OHWI,
/// int32 bias per output channel, per-channel or per-tensor requantisation, dilation 1, padding taps
/// skipped.
/// </summary>
public static class Conv2DKernel
{
    /// <summary>
    /// out[y][x][oc] = clamp(MBQM(bias[oc] + sum over in-bounds taps of w * (in + input_offset)) + output_offset).
    /// With <see cref="ConvParams.OffsetFolded"/> the <c>+ input_offset</c> is already inside the bias.
    /// </summary>
    /// <param name="p">Geometry, offsets and clamp.</param>
    /// <param name="multipliers">Requantisation multipliers, 1 or one per output channel.</param>
    /// <param name="shifts">Requantisation shifts (TFLite convention), same count as multipliers.</param>
    /// <param name="inputShape">Input feature map shape.</param>
    /// <param name="input">Input int8 NHWC.</param>
    /// <param name="weights">int8 [Cout][FilterH][FilterW][Cin].</param>
    /// <param name="bias">int32 [Cout], or empty for none.</param>
    /// <param name="outputShape">Output feature map shape.</param>
    /// <param name="output">Output int8 NHWC.</param>
    public static void Run(in ConvParams p, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts,
        FeatureMapShape inputShape, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias,
        FeatureMapShape outputShape, Span<sbyte> output)
    {
        inputShape.Validate("conv input");
        outputShape.Validate("conv output");
        KernelChecks.Positive(p.StrideH, "stride_h");
        KernelChecks.Positive(p.StrideW, "stride_w");
        KernelChecks.Positive(p.FilterH, "filter_h");
        KernelChecks.Positive(p.FilterW, "filter_w");
        KernelChecks.Clamp(p.ActMin, p.ActMax);
        int inH = inputShape.Height, inW = inputShape.Width, inC = inputShape.Channels;
        int outH = outputShape.Height, outW = outputShape.Width, outC = outputShape.Channels;
        KernelChecks.Length(input.Length, inputShape.Size, "conv input");
        KernelChecks.Length(output.Length, outputShape.Size, "conv output");
        KernelChecks.Length(weights.Length, outC * p.FilterH * p.FilterW * inC, "conv weights");
        KernelChecks.BiasAndQuant(bias.Length, multipliers.Length, shifts.Length, outC);
        int tapOffset = p.OffsetFolded ? 0 : p.InputOffset;

        for (int oy = 0; oy < outH; oy++)
        {
            int inY0 = oy * p.StrideH - p.PadTop;
            for (int ox = 0; ox < outW; ox++)
            {
                int inX0 = ox * p.StrideW - p.PadLeft;
                for (int oc = 0; oc < outC; oc++)
                {
                    // Each product |w * (x + offset)| <= 128 * 255 = 32,640 (offset is -zp in [-127, 128]);
                    // int32 holds 65,793 such taps, far more than any KWS layer (ds_cnn_s: 10x4x1 or 1x1x64),
                    // and the C kernels wrap the same way if it ever did not.
                    int acc = 0;
                    for (int fy = 0; fy < p.FilterH; fy++)
                    {
                        int iy = inY0 + fy;
                        if (iy < 0 || iy >= inH)
                        {
                            CheckNotFolded(p, iy, -1);
                            continue; // padding row: TFLite skips the tap
                        }
                        for (int fx = 0; fx < p.FilterW; fx++)
                        {
                            int ix = inX0 + fx;
                            if (ix < 0 || ix >= inW)
                            {
                                CheckNotFolded(p, iy, ix);
                                continue; // padding column
                            }
                            ReadOnlySpan<sbyte> x = input.Slice((iy * inW + ix) * inC, inC);
                            ReadOnlySpan<sbyte> w = weights.Slice(((oc * p.FilterH + fy) * p.FilterW + fx) * inC, inC);
                            for (int ic = 0; ic < x.Length; ic++)
                            {
                                acc = unchecked(acc + w[ic] * (x[ic] + tapOffset));
                            }
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

    /// <summary>
    /// A folded bias assumes every tap sees real input; a padding tap would then differ from TFLite
    /// (which skips it), so a folded op that reaches padding is a converter bug, reported here.
    /// </summary>
    internal static void CheckNotFolded(in ConvParams p, int iy, int ix)
    {
        if (p.OffsetFolded && p.InputOffset != 0)
        {
            throw new InvalidOperationException(
                $"OFFSET_FOLDED convolution reaches padding at input ({iy}, {ix}); folding is only exact without padding");
        }
    }
}
