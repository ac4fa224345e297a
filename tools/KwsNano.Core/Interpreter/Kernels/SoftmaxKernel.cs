using KwsNano.Quantization;

namespace KwsNano.Interpreter.Kernels;

/// <summary>
/// Reference int8 SOFTMAX (TFLite <c>reference_ops::Softmax</c> for int8 in / int8 out, gemmlowp fixed
/// point). Output scale 1/256, zero point -128.
/// </summary>
public static class SoftmaxKernel
{
    /// <summary>Integer bits of the scaled input differences (Q5.26).</summary>
    public const int ScaledDiffIntegerBits = 5;
    /// <summary>Integer bits of the sum of exponentials (Q12.19).</summary>
    public const int AccumulationIntegerBits = 12;

    /// <summary>
    /// Per row: d = in - max(row); for d &gt;= diff_min, e = exp(MBQM_GreaterThanOne(d, multiplier, left_shift) as Q5)
    /// (Q0); sum = sum of e rescaled to Q12; reciprocal of sum as a Q0 scale with num_bits_over_unit;
    /// out = clamp(RoundingDivideByPOT(SRDHM(scale, e), num_bits_over_unit + 31 - 8) - 128, -128, 127);
    /// entries with d &lt; diff_min give -128.
    /// </summary>
    /// <param name="p">Input multiplier, left shift, diff_min.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="depth">Classes per row (last dimension).</param>
    /// <param name="input">int8 [rows][depth].</param>
    /// <param name="output">int8 [rows][depth].</param>
    public static void Run(in SoftmaxParams p, int rows, int depth, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        KernelChecks.Positive(rows, "softmax rows");
        KernelChecks.Positive(depth, "softmax depth");
        KernelChecks.Length(input.Length, rows * depth, "softmax input");
        KernelChecks.Length(output.Length, rows * depth, "softmax output");
        if (p.InputLeftShift < 0 || p.InputLeftShift > 31)
        {
            throw new ArgumentException($"softmax input_left_shift {p.InputLeftShift} is outside [0, 31]");
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<sbyte> row = input.Slice(r * depth, depth);
            Span<sbyte> outRow = output.Slice(r * depth, depth);
            int max = sbyte.MinValue;
            for (int c = 0; c < depth; c++)
            {
                max = Math.Max(max, row[c]);
            }

            // Each exp is <= 1.0 (Q0 raw < 2^31), i.e. <= 2^19 after Rescale to Q12: up to 4095 classes
            // cannot overflow the Q12 sum (its range is < 2^12).
            int sumOfExps = 0;
            for (int c = 0; c < depth; c++)
            {
                int diff = row[c] - max; // in [-255, 0]
                if (diff >= p.DiffMin)
                {
                    int exp = ExpOfDiff(p, diff);
                    sumOfExps = unchecked(sumOfExps + FixedPoint.Rescale(exp, 0, AccumulationIntegerBits));
                }
            }

            int shiftedScale = FixedPoint.GetReciprocal(sumOfExps, AccumulationIntegerBits, out int numBitsOverUnit);
            for (int c = 0; c < depth; c++)
            {
                int diff = row[c] - max;
                if (diff >= p.DiffMin)
                {
                    int exp = ExpOfDiff(p, diff);
                    int unsat = FixedPoint.RoundingDivideByPOT(
                        FixedPoint.SaturatingRoundingDoublingHighMul(shiftedScale, exp), numBitsOverUnit + 31 - 8);
                    outRow[c] = (sbyte)Math.Clamp(unsat + sbyte.MinValue, sbyte.MinValue, sbyte.MaxValue);
                }
                else
                {
                    outRow[c] = sbyte.MinValue;
                }
            }
        }
    }

    /// <summary>exp(beta * input_scale * diff) as a Q0 raw, via the Q5.26 scaled difference.</summary>
    private static int ExpOfDiff(in SoftmaxParams p, int diff)
    {
        int scaled = FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(diff, p.InputMultiplier, p.InputLeftShift);
        return FixedPoint.ExpOnNegativeValues(scaled, ScaledDiffIntegerBits);
    }
}
