using KwsNano.Interpreter.Kernels;
using KwsNano.Quantization;

namespace KwsNano.Tests.Interpreter;

public class SoftmaxAddKernelTests
{
    private static SoftmaxParams ParamsFor(float inputScale)
    {
        var (m, s) = QuantParams.PreprocessSoftmaxScaling(1.0, inputScale, SoftmaxKernel.ScaledDiffIntegerBits);
        int diffMin = -QuantParams.CalculateInputRadius(SoftmaxKernel.ScaledDiffIntegerBits, s);
        return new SoftmaxParams(m, s, diffMin);
    }

    private static sbyte[] Softmax(float scale, params sbyte[] logits)
    {
        var output = new sbyte[logits.Length];
        SoftmaxKernel.Run(ParamsFor(scale), 1, logits.Length, logits, output);
        return output;
    }

    [Theory]
    [InlineData(2, 0)]     // 1/2 * 256 - 128 = 0
    [InlineData(3, -43)]   // 1/3 * 256 = 85.33 -> 85, - 128 = -43
    [InlineData(4, -64)]   // 64 - 128
    [InlineData(12, -107)] // 21.33 -> 21, - 128 = -107
    public void Softmax_UniformInput_GivesEqualProbabilities(int classes, int expected)
    {
        sbyte[] output = Softmax(0.1f, Enumerable.Repeat((sbyte)17, classes).ToArray());
        Assert.All(output, q => Assert.Equal(expected, q));
    }

    [Fact]
    public void Softmax_DominantLogit_SaturatesAt127()
    {
        // Scale 0.1: the others are 25.5 below the max; diff_min for this scale is -248, so the -255
        // differences are excluded (-128) and the max alone gives 1.0 = 256 - 128 = 128 -> clamp 127.
        var p = ParamsFor(0.1f);
        Assert.Equal(-248, p.DiffMin);
        sbyte[] output = Softmax(0.1f, 127, -128, -128, -128);
        Assert.Equal(new sbyte[] { 127, -128, -128, -128 }, output);
    }

    [Fact]
    public void Softmax_MatchesFloatSoftmaxWithinOneLsb()
    {
        var rng = new Random(42);
        float[] scales = [0.05f, 0.1f, 0.25f, 1f / 16];
        foreach (float scale in scales)
        {
            for (int trial = 0; trial < 50; trial++)
            {
                int n = rng.Next(2, 16);
                var logits = new sbyte[n];
                for (int i = 0; i < n; i++)
                {
                    logits[i] = (sbyte)rng.Next(-128, 128);
                }
                sbyte[] got = Softmax(scale, logits);
                double max = logits.Max() * (double)scale;
                double[] e = logits.Select(q => Math.Exp(q * (double)scale - max)).ToArray();
                double sum = e.Sum();
                for (int i = 0; i < n; i++)
                {
                    double expected = Math.Clamp(Math.Round(e[i] / sum * 256) - 128, -128, 127);
                    Assert.True(Math.Abs(got[i] - expected) <= 1,
                        $"scale {scale}, logits [{string.Join(",", logits)}]: class {i} got {got[i]}, float {expected}");
                }
            }
        }
    }

    [Fact]
    public void Softmax_RowsAreIndependent()
    {
        var output = new sbyte[4];
        SoftmaxKernel.Run(ParamsFor(0.1f), 2, 2, [0, 0, 127, -128], output);
        Assert.Equal(new sbyte[] { 0, 0, 127, -128 }, output);
    }

    [Fact]
    public void Add_EqualScales_IsIntegerSum()
    {
        // Scales all 1.0: twice_max = 2, input multipliers 0.5 = (2^30, 0), output 2 / 2^20 = 2^-19 = (2^30, -18).
        int[] q = QuantParams.AddParams(1f, 1f, 1f, out int leftShift);
        Assert.Equal(new[] { 1 << 30, 0, 1 << 30, 0, 1 << 30, -18 }, q);
        var p = MakeAdd(q, leftShift, zp0: 1, zp1: -2, zpOut: 3);
        var output = new sbyte[3];
        // (10-1) + (-5+2) + 3 = 9; (100-1) + (100+2) + 3 = 204 -> 127; (-128-1) + (-128+2) + 3 = -252 -> -128.
        AddKernel.Run(p, [10, 100, -128], [-5, 100, -128], output);
        Assert.Equal(new sbyte[] { 9, 127, -128 }, output);
    }

    [Fact]
    public void Add_HalfScale_RoundsHalvesAwayFromZero()
    {
        // s0 = 1, s1 = 0.5, out 1: real0 = 0.5 (2^30, 0), real1 = 0.25 (2^30, -1), out 2^-19 (2^30, -18).
        // In = 0 and v1: (v1 << 20) * 0.25 = v1 * 2^18, output: v1 * 2^18 * 2^-19 = v1 / 2 rounded at the final
        // RoundingDivideByPOT: v1 = 3 -> 1.5 -> 2, v1 = -3 -> -1.5 -> -2, v1 = 1 -> 0.5 -> 1.
        int[] q = QuantParams.AddParams(1f, 0.5f, 1f, out int leftShift);
        Assert.Equal(new[] { 1 << 30, 0, 1 << 30, -1, 1 << 30, -18 }, q);
        var p = MakeAdd(q, leftShift, 0, 0, 0);
        var output = new sbyte[4];
        AddKernel.Run(p, [0, 0, 0, 5], [3, -3, 1, -4], output);
        // Last: 5 + (-4 * 0.5) = 3.
        Assert.Equal(new sbyte[] { 2, -2, 1, 3 }, output);
    }

    [Fact]
    public void Add_ResidualWithDifferentScales_MatchesFloatWithinOneLsb()
    {
        float s0 = 0.0731f, s1 = 0.1212f, so = 0.1503f;
        int z0 = -7, z1 = 12, zo = -3;
        int[] q = QuantParams.AddParams(s0, s1, so, out int leftShift);
        var p = MakeAdd(q, leftShift, z0, z1, zo);
        var a = new sbyte[256];
        var b = new sbyte[256];
        for (int i = 0; i < 256; i++)
        {
            a[i] = (sbyte)(i - 128);
            b[i] = (sbyte)((i * 37) % 256 - 128);
        }
        var output = new sbyte[256];
        AddKernel.Run(p, a, b, output);
        for (int i = 0; i < 256; i++)
        {
            double real = s0 * (a[i] - z0) + s1 * (b[i] - z1);
            double expected = Math.Clamp(Math.Round(real / so) + zo, -128, 127);
            Assert.True(Math.Abs(output[i] - expected) <= 1, $"{a[i]} + {b[i]}: got {output[i]}, float {expected}");
        }
    }

    private static AddParams MakeAdd(int[] q, int leftShift, int zp0, int zp1, int zpOut) => new()
    {
        Input0Offset = -zp0,
        Input1Offset = -zp1,
        OutputOffset = zpOut,
        LeftShift = leftShift,
        Input0Multiplier = q[0],
        Input0Shift = q[1],
        Input1Multiplier = q[2],
        Input1Shift = q[3],
        OutputMultiplier = q[4],
        OutputShift = q[5],
        ActMin = -128,
        ActMax = 127,
    };
}
