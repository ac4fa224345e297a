using KwsNano.Quantization;

namespace KwsNano.Interpreter.Kernels;

/// <summary>Reference int8 FULLY_CONNECTED (TFLite <c>reference_integer_ops::FullyConnected</c>, weight zero point 0).</summary>
public static class FullyConnectedKernel
{
    /// <summary>
    /// out[r][oc] = clamp(MBQM(bias[oc] + sum_k w[oc][k] * (in[r][k] + input_offset)) + output_offset),
    /// with the per-tensor (or per-channel) quantisation table.
    /// </summary>
    /// <param name="p">Offsets, clamp, folding.</param>
    /// <param name="multipliers">1 or Cout multipliers.</param>
    /// <param name="shifts">Shifts, same count.</param>
    /// <param name="rows">Rows of the flattened input.</param>
    /// <param name="depth">K, the input size of every output.</param>
    /// <param name="input">int8 [rows][K].</param>
    /// <param name="weights">int8 [Cout][K].</param>
    /// <param name="bias">int32 [Cout] or empty.</param>
    /// <param name="outChannels">Cout.</param>
    /// <param name="output">int8 [rows][Cout].</param>
    public static void Run(in FullyConnectedParams p, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts,
        int rows, int depth, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias,
        int outChannels, Span<sbyte> output)
    {
        KernelChecks.Positive(rows, "fully connected rows");
        KernelChecks.Positive(depth, "fully connected depth");
        KernelChecks.Positive(outChannels, "fully connected output channels");
        KernelChecks.Clamp(p.ActMin, p.ActMax);
        KernelChecks.Length(input.Length, rows * depth, "fully connected input");
        KernelChecks.Length(weights.Length, outChannels * depth, "fully connected weights");
        KernelChecks.Length(output.Length, rows * outChannels, "fully connected output");
        KernelChecks.BiasAndQuant(bias.Length, multipliers.Length, shifts.Length, outChannels);
        int tapOffset = p.OffsetFolded ? 0 : p.InputOffset;

        for (int r = 0; r < rows; r++)
        {
            for (int oc = 0; oc < outChannels; oc++)
            {
                // |w * (x + offset)| <= 32,640; depth up to 65,793 fits int32 (KWS models: <= a few thousand).
                int acc = 0;
                ReadOnlySpan<sbyte> x = input.Slice(r * depth, depth);
                ReadOnlySpan<sbyte> w = weights.Slice(oc * depth, depth);
                for (int k = 0; k < x.Length; k++)
                {
                    acc = unchecked(acc + w[k] * (x[k] + tapOffset));
                }
                if (bias.Length != 0)
                {
                    acc = unchecked(acc + bias[oc]);
                }
                int q = multipliers.Length == 1 ? 0 : oc;
                acc = FixedPoint.MultiplyByQuantizedMultiplier(acc, multipliers[q], shifts[q]);
                acc += p.OutputOffset;
                output[r * outChannels + oc] = (sbyte)KernelChecks.ClampToAct(acc, p.ActMin, p.ActMax);
            }
        }
    }
}
