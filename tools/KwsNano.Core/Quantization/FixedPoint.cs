using System.Numerics;

namespace KwsNano.Quantization;

/// <summary>
/// Integer arithmetic primitives of TensorFlow Lite's int8 kernels and gemmlowp's fixed-point library,
/// reproduced bit for bit (including the wrap-around of the C code where it relies on two's complement).
/// A value "Qm" below is a gemmlowp <c>FixedPoint&lt;int32, m&gt;</c>: m integer bits, 31 - m fractional
/// bits, real value = raw / 2^(31 - m).
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// gemmlowp <c>SaturatingRoundingDoublingHighMul</c>: the high 32 bits of <c>2 * a * b</c>, i.e.
    /// a * b / 2^31 rounded to nearest with ties toward +infinity (-0.5 gives 0, +0.5 gives 1; the same as
    /// Arm's VQRDMULH). The only overflow,
    /// <c>int.MinValue * int.MinValue</c> (= +1.0 in Q0), saturates to <see cref="int.MaxValue"/>.
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue)
        {
            return int.MaxValue;
        }
        // |a * b| <= 2^62, fits in int64 with room for the nudge.
        long ab = (long)a * b;
        // Nudge by half of the 2^31 divisor; for negative products 1 - 2^30 so that the truncating
        // division equals floor((ab + 2^30) / 2^31): round half up.
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        // C integer division truncates toward zero; C# long division does the same.
        return (int)((ab + nudge) / (1L << 31));
    }

    /// <summary>
    /// gemmlowp <c>RoundingDivideByPOT</c>: <c>x / 2^exponent</c> rounded to nearest, ties away from zero
    /// (arithmetic shift plus a correction when the discarded remainder exceeds half). exponent 0..31.
    /// </summary>
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        if (exponent < 0 || exponent > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "exponent must be in [0, 31]");
        }
        // mask as int64 so exponent 31 does not overflow; its value fits in int32 afterwards.
        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        // Half of the divisor, plus one for negative x so that negative halves round away from zero.
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>
    /// TFLite <c>MultiplyByQuantizedMultiplier</c> (the default double-rounding version): x * multiplier *
    /// 2^(shift - 31). A positive shift multiplies x by 2^shift first (wrapping like the C code), then the
    /// rounding doubling high multiply, then a rounding right shift by -shift when shift is negative.
    /// </summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier), rightShift);
    }

    /// <summary>
    /// TFLite <c>MultiplyByQuantizedMultiplierSmallerThanOneExp</c>: for a multiplier below one, whose
    /// <paramref name="leftShift"/> is &lt;= 0: rounding high multiply, then rounding right shift by -leftShift.
    /// </summary>
    public static int MultiplyByQuantizedMultiplierSmallerThanOneExp(int x, int multiplier, int leftShift)
    {
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, multiplier), -leftShift);
    }

    /// <summary>
    /// TFLite <c>MultiplyByQuantizedMultiplierGreaterThanOne</c>: x * 2^leftShift (wrapping) then the
    /// rounding doubling high multiply; used by softmax to scale input differences.
    /// </summary>
    public static int MultiplyByQuantizedMultiplierGreaterThanOne(int x, int multiplier, int leftShift)
    {
        return SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier);
    }

    /// <summary>
    /// gemmlowp <c>SaturatingRoundingMultiplyByPOT&lt;exponent&gt;</c>: x * 2^exponent. A positive exponent is a
    /// left shift that saturates to int.MinValue/int.MaxValue when |x| exceeds 2^(31 - exponent) - 1 (so,
    /// like gemmlowp, -2^(31-exponent) saturates too); a negative one is <see cref="RoundingDivideByPOT"/>.
    /// </summary>
    public static int SaturatingRoundingMultiplyByPOT(int x, int exponent)
    {
        if (exponent == 0)
        {
            return x;
        }
        if (exponent < 0)
        {
            return RoundingDivideByPOT(x, -exponent);
        }
        int threshold = (int)((1L << (31 - exponent)) - 1);
        if (x > threshold)
        {
            return int.MaxValue;
        }
        if (x < -threshold)
        {
            return int.MinValue;
        }
        return x << exponent;
    }

    /// <summary>
    /// gemmlowp <c>Rescale&lt;dstIntegerBits&gt;</c>: the same real value moved from a Q(srcIntegerBits) raw to
    /// a Q(dstIntegerBits) raw, i.e. raw * 2^(src - dst) with saturation / rounding.
    /// </summary>
    public static int Rescale(int raw, int srcIntegerBits, int dstIntegerBits)
    {
        return SaturatingRoundingMultiplyByPOT(raw, srcIntegerBits - dstIntegerBits);
    }

    /// <summary>gemmlowp <c>RoundingHalfSum</c>: (a + b) / 2 rounded half away from zero, computed in int64.</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        long sum = (long)a + b;
        long sign = sum >= 0 ? 1 : -1;
        return (int)((sum + sign) / 2);
    }

    /// <summary>Number of leading zero bits of x as an unsigned 32-bit word (32 for 0).</summary>
    public static int CountLeadingZeros(uint x)
    {
        return BitOperations.LeadingZeroCount(x);
    }

    /// <summary>
    /// gemmlowp <c>exp_on_interval_between_negative_one_quarter_and_0_excl</c>: exp(a) for a Q0 value
    /// a in [-1/4, 0), result Q0. Taylor expansion of degree 4 around -1/8:
    /// exp(-1/8) * (1 + x + x^2/2 + x^3/6 + x^4/24) with x = a + 1/8.
    /// </summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a)
    {
        const int constantTerm = 1895147668; // exp(-1/8) in Q0
        const int constant1Over3 = 715827883; // 1/3 in Q0
        int x = unchecked(a + (1 << 28)); // + 1/8 in Q0
        int x2 = SaturatingRoundingDoublingHighMul(x, x);
        int x3 = SaturatingRoundingDoublingHighMul(x2, x);
        int x4 = SaturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = SaturatingRoundingMultiplyByPOT(x4, -2);
        // ((x^4/4 + x^3) / 3 + x^2) / 2 = x^4/24 + x^3/6 + x^2/2
        int poly = SaturatingRoundingMultiplyByPOT(
            unchecked(SaturatingRoundingDoublingHighMul(unchecked(x4Over4 + x3), constant1Over3) + x2), -1);
        return unchecked(constantTerm + SaturatingRoundingDoublingHighMul(constantTerm, unchecked(x + poly)));
    }

    /// <summary>
    /// gemmlowp <c>exp_on_negative_values</c>: exp(a) for a &lt;= 0 given as a Q(integerBits) raw, result Q0
    /// (exp(0) = int.MaxValue). The fractional part modulo 1/4 goes through the Taylor polynomial; each
    /// set bit of the remaining multiple of 1/4 multiplies by the matching constant exp(-2^k), k = -2..4
    /// (the "barrel shifter"). For integerBits &gt; 5, values below -32 give 0.
    /// </summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        // a mod 1/4, minus 1/4: in [-1/4, 0).
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        // remainder = (a mod 1/4 - 1/4) - a >= 0: the multiple of 1/4 still to apply.
        int remainder = unchecked(aModQuarterMinusOneQuarter - a);

        result = BarrelShift(result, remainder, integerBits, fractionalBits, -2, 1672461947); // exp(-1/4)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, -1, 1302514674); // exp(-1/2)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, 0, 790015084); // exp(-1)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, 1, 290630308); // exp(-2)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, 2, 39332535); // exp(-4)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, 3, 720401); // exp(-8)
        result = BarrelShift(result, remainder, integerBits, fractionalBits, 4, 242); // exp(-16)

        if (integerBits > 5)
        {
            int clamp = -(1 << (36 - integerBits)); // -32 in Q(integerBits)
            if (a < clamp)
            {
                result = 0;
            }
        }
        return a == 0 ? int.MaxValue : result;
    }

    /// <summary>One barrel-shifter stage: multiply by exp(-2^exponent) when that bit of the remainder is set.</summary>
    private static int BarrelShift(int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier)
    {
        if (integerBits > exponent)
        {
            int shiftAmount = fractionalBits + exponent;
            if ((remainder & (1 << shiftAmount)) != 0)
            {
                return SaturatingRoundingDoublingHighMul(result, multiplier);
            }
        }
        return result;
    }

    /// <summary>
    /// gemmlowp <c>one_over_one_plus_x_for_x_in_0_1</c>: 1 / (1 + a) for a Q0 value a in [0, 1), result Q0.
    /// Three Newton-Raphson iterations in Q2 on the half denominator (1 + a) / 2, starting from
    /// 48/17 - 32/17 * d. The Q2 estimate of 1/d = 2/(1+a) is halved by reading its raw as Q1
    /// (ExactMulByPot&lt;-1&gt;) and moved to Q0 (Rescale&lt;0&gt;, a saturating left shift by 1).
    /// </summary>
    public static int OneOverOnePlusXForXIn01(int a)
    {
        const int constant48Over17 = 1515870810; // Q2
        const int constantNeg32Over17 = -1010580540; // Q2
        const int oneQ2 = 1 << 29;
        int halfDenominator = RoundingHalfSum(a, int.MaxValue); // Q0, (a + 1) / 2
        int x = unchecked(constant48Over17 + SaturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17));
        for (int i = 0; i < 3; i++)
        {
            int halfDenominatorTimesX = SaturatingRoundingDoublingHighMul(halfDenominator, x); // Q0*Q2 = Q2
            int oneMinus = unchecked(oneQ2 - halfDenominatorTimesX); // Q2
            // Q2 * Q2 = Q4, rescaled to Q2.
            x = unchecked(x + Rescale(SaturatingRoundingDoublingHighMul(x, oneMinus), 4, 2));
        }
        // x approximates 1/d = 2/(1+a) in Q2; reinterpreting the raw as Q1 halves it, then rescale to Q0.
        return Rescale(x, 1, 0);
    }

    /// <summary>
    /// TFLite <c>GetReciprocal</c>: for a positive Q(xIntegerDigits) value x, returns a Q0 raw s and
    /// <paramref name="numBitsOverUnit"/> such that 1/x ~= s * 2^-numBitsOverUnit. x is normalised to
    /// [1, 2) using its leading zeros and the reciprocal of that taken by
    /// <see cref="OneOverOnePlusXForXIn01"/>.
    /// </summary>
    public static int GetReciprocal(int x, int xIntegerDigits, out int numBitsOverUnit)
    {
        int headroomPlusOne = CountLeadingZeros((uint)x);
        numBitsOverUnit = xIntegerDigits - headroomPlusOne;
        // x normalised so its top set bit lands on bit 31, minus 1.0: the fraction in [0, 1), as Q0.
        int shiftedSumMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return OneOverOnePlusXForXIn01(shiftedSumMinusOne);
    }
}
