using KwsNano.Quantization;

namespace KwsNano.Interpreter.Kernels;

/// <summary>Reference int8 element-wise ADD (TFLite <c>reference_integer_ops::AddElementwise</c>), no broadcasting.</summary>
public static class AddKernel
{
    /// <summary>
    /// a = (in0 + input0_offset) &lt;&lt; left_shift, b likewise; each rescaled by its SmallerThanOneExp
    /// multiplier; out = clamp(MBQM_SmallerThanOneExp(a' + b', output multiplier, shift) + output_offset).
    /// </summary>
    public static void Run(in AddParams p, ReadOnlySpan<sbyte> input0, ReadOnlySpan<sbyte> input1, Span<sbyte> output)
    {
        KernelChecks.Length(input1.Length, input0.Length, "add input1");
        KernelChecks.Length(output.Length, input0.Length, "add output");
        KernelChecks.Clamp(p.ActMin, p.ActMax);
        if (p.LeftShift < 0 || p.LeftShift > 22)
        {
            // (x + offset) is at most 255 in magnitude: 255 << 22 < 2^30 keeps the shifted value in int32.
            throw new ArgumentException($"add left_shift {p.LeftShift} is outside [0, 22]");
        }
        for (int i = 0; i < input0.Length; i++)
        {
            // |in + offset| <= 255, << 20 gives < 2^28: no overflow; the scaled values are smaller still,
            // and their sum < 2^29.
            int a = (input0[i] + p.Input0Offset) * (1 << p.LeftShift);
            int b = (input1[i] + p.Input1Offset) * (1 << p.LeftShift);
            int sa = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(a, p.Input0Multiplier, p.Input0Shift);
            int sb = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(b, p.Input1Multiplier, p.Input1Shift);
            int raw = FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(sa + sb, p.OutputMultiplier, p.OutputShift)
                + p.OutputOffset;
            output[i] = (sbyte)KernelChecks.ClampToAct(raw, p.ActMin, p.ActMax);
        }
    }
}
