namespace KwsNano.Quantization;

/// <summary>
/// Offline quantisation parameters, computed by the converter exactly as TensorFlow Lite's kernels
/// compute them at prepare time (tensorflow/lite/kernels/internal/quantization_util.cc), all in double.
/// </summary>
public static class QuantParams
{
    /// <summary>
    /// TFLite <c>QuantizeMultiplier</c>: real = multiplier * 2^(shift - 31), multiplier in [2^30, 2^31).
    /// Positive shift = left shift. Returns (0, 0) for 0.
    /// </summary>
    public static (int Multiplier, int Shift) QuantizeMultiplier(double real)
    {
        if (real == 0.0)
        {
            return (0, 0);
        }
        if (double.IsNaN(real) || double.IsInfinity(real) || real < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(real), real, "quantised multiplier must be finite and non-negative");
        }
        var (mantissa, shift) = Frexp(real);
        long qFixed = (long)Math.Round(mantissa * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed == 1L << 31)
        {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31)
        {
            shift = 0;
            qFixed = 0;
        }
        if (shift > 30)
        {
            shift = 30;
            qFixed = (1L << 31) - 1;
        }
        return ((int)qFixed, shift);
    }

    /// <summary>TFLite <c>QuantizeMultiplierSmallerThanOneExp</c>: as QuantizeMultiplier, requires real &lt; 1 (shift &lt;= 0).</summary>
    public static (int Multiplier, int Shift) QuantizeMultiplierSmallerThanOneExp(double real)
    {
        if (!(real < 1.0) || real <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(real), real, "multiplier must be in (0, 1)");
        }
        return QuantizeMultiplier(real);
    }

    /// <summary>Per-channel (or per-tensor) output multiplier of a convolution / FC: in_scale * w_scale / out_scale, in double.</summary>
    public static (int Multiplier, int Shift) ConvMultiplier(float inputScale, float weightScale, float outputScale)
    {
        double inputProductScale = (double)inputScale * weightScale;
        return QuantizeMultiplier(inputProductScale / outputScale);
    }

    /// <summary>
    /// TFLite <c>PreprocessSoftmaxScaling</c>: multiplier and left shift for beta * input_scale at
    /// <paramref name="inputIntegerBits"/> (5 for int8 softmax).
    /// </summary>
    public static (int Multiplier, int LeftShift) PreprocessSoftmaxScaling(double beta, double inputScale, int inputIntegerBits)
    {
        double maxReal = (1L << 31) - 1.0;
        double real = Math.Min(beta * inputScale * (1L << (31 - inputIntegerBits)), maxReal);
        var (m, s) = QuantizeMultiplier(real);
        if (s < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputScale), inputScale, "softmax input scaling must be >= 1 after preprocessing");
        }
        return (m, s);
    }

    /// <summary>TFLite <c>CalculateInputRadius</c>; softmax diff_min = -radius.</summary>
    public static int CalculateInputRadius(int inputIntegerBits, int inputLeftShift, int totalSignedBits = 31)
    {
        double maxInputRescaled = 1.0 * ((1 << inputIntegerBits) - 1) * (1L << (totalSignedBits - inputIntegerBits)) / (1L << inputLeftShift);
        return (int)Math.Floor(maxInputRescaled);
    }

    /// <summary>
    /// TFLite int8 ADD prepare: left_shift 20 and the three (multiplier, shift) pairs, in the order the
    /// .kwsm ADD quant table stores them: input0, input1, output.
    /// </summary>
    public static int[] AddParams(float input0Scale, float input1Scale, float outputScale, out int leftShift)
    {
        leftShift = 20;
        double twiceMaxInputScale = 2 * Math.Max((double)input0Scale, input1Scale);
        double real0 = input0Scale / twiceMaxInputScale;
        double real1 = input1Scale / twiceMaxInputScale;
        double realOut = twiceMaxInputScale / ((1 << leftShift) * (double)outputScale);
        var (m0, s0) = QuantizeMultiplierSmallerThanOneExp(real0);
        var (m1, s1) = QuantizeMultiplierSmallerThanOneExp(real1);
        var (mo, so) = QuantizeMultiplierSmallerThanOneExp(realOut);
        return new[] { m0, s0, m1, s1, mo, so };
    }

    /// <summary>C <c>frexp</c>: value = mantissa * 2^exponent, mantissa in [0.5, 1).</summary>
    public static (double Mantissa, int Exponent) Frexp(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return (value, 0);
        }
        int exponent = Math.ILogB(value) + 1;
        double mantissa = Math.ScaleB(value, -exponent);
        return (mantissa, exponent);
    }
}
