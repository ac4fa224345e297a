using KwsNano.Quantization;

namespace KwsNano.Tests.Interpreter;

public class FixedPointTests
{
    [Fact]
    public void Srdhm_MinTimesMin_SaturatesToMax()
    {
        // (-1.0) * (-1.0) = +1.0 is not representable in Q0: the single overflow case.
        Assert.Equal(int.MaxValue, FixedPoint.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));
    }

    [Theory]
    // 2^30 * 2^30 / 2^31 = 2^29 exactly.
    [InlineData(1 << 30, 1 << 30, 1 << 29)]
    // (2^31-1)^2 / 2^31 = 2^31 - 2 + (1 + 2^30)/2^31 -> 2^31 - 2.
    [InlineData(int.MaxValue, int.MaxValue, int.MaxValue - 1)]
    // +0.5 rounds up: 1 * 2^30 / 2^31 = 0.5 -> 1.
    [InlineData(1, 1 << 30, 1)]
    // -0.5 rounds toward +infinity (gemmlowp nudge 1 - 2^30, then truncation): -> 0.
    [InlineData(-1, 1 << 30, 0)]
    // -1.5 -> -1 (half up), 2.5 -> 3.
    [InlineData(-3, 1 << 30, -1)]
    [InlineData(5, 1 << 30, 3)]
    // int.MinValue * 2^30 / 2^31 = -2^30 exactly.
    [InlineData(int.MinValue, 1 << 30, -(1 << 30))]
    // -0.75 -> -1: (-3 * 2^29 + 1 - 2^30) / 2^31 = -1.249.. truncated to -1.
    [InlineData(-3, 1 << 29, -1)]
    public void Srdhm_RoundsLikeGemmlowp(int a, int b, int expected)
    {
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(b, a));
    }

    [Theory]
    [InlineData(5, 1, 3)]     // 2.5 -> 3
    [InlineData(-5, 1, -3)]   // -2.5 -> -3 (away from zero)
    [InlineData(-3, 1, -2)]   // -1.5 -> -2
    [InlineData(-6, 2, -2)]   // -1.5 -> -2
    [InlineData(6, 2, 2)]     // 1.5 -> 2
    [InlineData(-7, 2, -2)]   // -1.75 -> -2
    [InlineData(-5, 2, -1)]   // -1.25 -> -1
    [InlineData(7, 0, 7)]     // exponent 0 is the identity
    [InlineData(int.MinValue, 31, -1)]
    [InlineData(int.MaxValue, 31, 1)] // (2^31 - 1) / 2^31 -> 1
    [InlineData(1 << 30, 31, 1)]      // exactly 0.5 -> 1
    [InlineData(-(1 << 30), 31, -1)]  // exactly -0.5 -> -1
    public void RoundingDivideByPot_RoundsHalvesAwayFromZero(int x, int exponent, int expected)
    {
        Assert.Equal(expected, FixedPoint.RoundingDivideByPOT(x, exponent));
    }

    [Fact]
    public void RoundingDivideByPot_RejectsExponentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.RoundingDivideByPOT(1, 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.RoundingDivideByPOT(1, -1));
    }

    [Theory]
    // multiplier 2^30 is 0.5 in Q31; shift +1 doubles first: 100 * 0.5 * 2 = 100.
    [InlineData(100, 1 << 30, 1, 100)]
    // shift -1: SRDHM(3, 0.5) = 1.5 -> 2, then RDBPOT(2, 1) = 1 (exact 0.75 -> 1).
    [InlineData(3, 1 << 30, -1, 1)]
    // Double rounding (TFLite's default): exact 5 * 0.25 = 1.25 but SRDHM(5, 0.5) = 2.5 -> 3, RDBPOT(3, 1) = 1.5 -> 2.
    [InlineData(5, 1 << 30, -1, 2)]
    // Negative: SRDHM(-5, 0.5) = -2.5 -> -2 (half up), RDBPOT(-2, 1) = -1.
    [InlineData(-5, 1 << 30, -1, -1)]
    // multiplier 0 gives 0.
    [InlineData(12345, 0, 0, 0)]
    // shift 0: 1000 * (1518500250 / 2^31 = 0.70710678) = 707.1 -> 707.
    [InlineData(1000, 1518500250, 0, 707)]
    public void MultiplyByQuantizedMultiplier_MatchesTfliteFormula(int x, int multiplier, int shift, int expected)
    {
        Assert.Equal(expected, FixedPoint.MultiplyByQuantizedMultiplier(x, multiplier, shift));
    }

    [Fact]
    public void MultiplyByQuantizedMultiplier_AgreesWithRealMultiplierWithinOneLsb()
    {
        var rng = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            double real = Math.Pow(2, rng.NextDouble() * 20 - 18); // 2^-18 .. 2^2
            var (m, s) = QuantParams.QuantizeMultiplier(real);
            int x = rng.Next(-1_000_000, 1_000_000);
            int got = FixedPoint.MultiplyByQuantizedMultiplier(x, m, s);
            double exact = x * (m * Math.Pow(2, s - 31));
            Assert.True(Math.Abs(got - exact) <= 1.0, $"x={x} real={real}: got {got}, exact {exact}");
        }
    }

    [Fact]
    public void SmallerThanOneExpAndGreaterThanOne_MatchTheGeneralForm()
    {
        // Both are MultiplyByQuantizedMultiplier restricted to shift <= 0 / shift >= 0.
        int[] xs = [-70000, -3, -1, 0, 1, 7, 65535, 1 << 20];
        foreach (int x in xs)
        {
            Assert.Equal(FixedPoint.MultiplyByQuantizedMultiplier(x, 1234567890, -7),
                FixedPoint.MultiplyByQuantizedMultiplierSmallerThanOneExp(x, 1234567890, -7));
            Assert.Equal(FixedPoint.MultiplyByQuantizedMultiplier(x, 1234567890, 3),
                FixedPoint.MultiplyByQuantizedMultiplierGreaterThanOne(x, 1234567890, 3));
        }
    }

    [Theory]
    [InlineData(1 << 29, 1, 1 << 30)]
    [InlineData(1 << 30, 1, int.MaxValue)]      // above 2^30 - 1: saturates
    [InlineData(-(1 << 30), 1, int.MinValue)]   // gemmlowp saturates at -threshold too
    [InlineData(-(1 << 29), 1, -(1 << 30))]
    [InlineData(5, -1, 3)]                      // negative exponent = rounding divide
    [InlineData(-5, -1, -3)]
    [InlineData(42, 0, 42)]
    public void SaturatingRoundingMultiplyByPot(int x, int exponent, int expected)
    {
        Assert.Equal(expected, FixedPoint.SaturatingRoundingMultiplyByPOT(x, exponent));
    }

    [Fact]
    public void RoundingHalfSum_RoundsAwayFromZero()
    {
        Assert.Equal(2, FixedPoint.RoundingHalfSum(1, 2));   // 1.5 -> 2
        Assert.Equal(-2, FixedPoint.RoundingHalfSum(-1, -2)); // -1.5 -> -2
        Assert.Equal(int.MaxValue, FixedPoint.RoundingHalfSum(int.MaxValue, int.MaxValue)); // no overflow (int64)
    }

    [Fact]
    public void ExpOnNegativeValues_ZeroIsOne()
    {
        Assert.Equal(int.MaxValue, FixedPoint.ExpOnNegativeValues(0, 5));
    }

    [Fact]
    public void ExpOnNegativeValues_MinusOneUsesTheBarrelConstants()
    {
        // -1.0 in Q5.26 = -2^26: a mod 1/4 = 0, so exp(-1/4) from the polynomial times the barrel
        // constants for the remainder 3/4 (bits -2 and -1): exp(-1/4) * exp(-1/4) * exp(-1/2) = exp(-1),
        // 790015084 in Q0. At -1/4 the degree-4 Taylor series around -1/8 omits the negative term
        // (-1/8)^5 / 120 = -2.5e-7 relative, so the result is above exact by about 2.5e-7 * 7.9e8 = 200 LSB.
        int got = FixedPoint.ExpOnNegativeValues(-(1 << 26), 5);
        Assert.InRange(got, 790015084, 790015084 + 260);
    }

    [Fact]
    public void ExpOnNegativeValues_TracksMathExp()
    {
        for (int i = 0; i <= 400; i++)
        {
            double x = -i * 0.0777; // 0 .. -31
            int raw = (int)Math.Round(x * (1 << 26));
            double exact = Math.Exp(raw / (double)(1 << 26));
            double got = FixedPoint.ExpOnNegativeValues(raw, 5) / 2147483648.0;
            Assert.True(Math.Abs(got - exact) < 2e-8 + 1e-6 * exact, $"exp({x}): got {got}, exact {exact}");
        }
    }

    [Fact]
    public void ExpOnInterval_IsExpNearMinusOneEighth()
    {
        // a = -1/8 in Q0 = -2^28: x = 0, so the result is the constant term exp(-1/8) = 1895147668.
        Assert.Equal(1895147668, FixedPoint.ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(-(1 << 28)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void OneOverOnePlusX_IsReciprocal(double a)
    {
        int raw = (int)(a * 2147483648.0);
        double got = FixedPoint.OneOverOnePlusXForXIn01(raw) / 2147483648.0;
        Assert.True(Math.Abs(got - 1.0 / (1.0 + raw / 2147483648.0)) < 4e-9, $"1/(1+{a}) = {got}");
    }

    [Fact]
    public void GetReciprocal_NormalisesByLeadingZeros()
    {
        // 3.0 in Q12.19 = 3 * 2^19: 11 leading zeros, so num_bits_over_unit = 12 - 11 = 1 and the
        // normalised value 1.5 gives scale 1/1.5 = 0.6667 (Q0): 1/3 = 0.6667 * 2^-1.
        int s = FixedPoint.GetReciprocal(3 << 19, 12, out int bits);
        Assert.Equal(1, bits);
        Assert.InRange(s, 1431655765 - 4, 1431655765 + 4);

        // 1.0: num_bits_over_unit 0, scale ~ 1.0.
        s = FixedPoint.GetReciprocal(1 << 19, 12, out bits);
        Assert.Equal(0, bits);
        Assert.InRange(s, int.MaxValue - 4, int.MaxValue);
    }

    [Fact]
    public void CountLeadingZeros_Counts()
    {
        Assert.Equal(32, FixedPoint.CountLeadingZeros(0));
        Assert.Equal(0, FixedPoint.CountLeadingZeros(0x80000000));
        Assert.Equal(12, FixedPoint.CountLeadingZeros(1u << 19));
    }
}
