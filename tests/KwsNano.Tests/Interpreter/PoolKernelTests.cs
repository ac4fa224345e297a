using KwsNano.Interpreter.Kernels;

namespace KwsNano.Tests.Interpreter;

public class PoolKernelTests
{
    private static sbyte[] AvgPool2x2(sbyte[] values)
    {
        var p = new PoolParams { StrideH = 1, StrideW = 1, FilterH = 2, FilterW = 2, ActMin = -128, ActMax = 127 };
        var output = new sbyte[1];
        AveragePool2DKernel.Run(p, new FeatureMapShape(2, 2, 1), values, new FeatureMapShape(1, 1, 1), output);
        return output;
    }

    [Theory]
    [InlineData(-1, -2, -3, -4, -3)] // sum -10, (-10 - 2) / 4 = -3: -2.5 rounds away from zero
    [InlineData(1, 2, 3, 4, 3)]      // sum 10, (10 + 2) / 4 = 3: 2.5 -> 3
    [InlineData(-1, -1, 0, 0, -1)]   // sum -2, (-2 - 2) / 4 = -1: -0.5 -> -1
    [InlineData(-1, 0, 0, 0, 0)]     // sum -1, (-1 - 2) / 4 = 0 (truncation): -0.25 -> 0
    [InlineData(-3, -2, 0, 0, -1)]   // sum -5, (-5 - 2) / 4 = -1: -1.25 -> -1
    [InlineData(-128, -128, -128, -127, -128)] // sum -511, (-511 - 2) / 4 = -128: -127.75 -> -128
    public void AveragePool_RoundsHalvesAwayFromZero(int a, int b, int c, int d, int expected)
    {
        Assert.Equal((sbyte)expected, AvgPool2x2([(sbyte)a, (sbyte)b, (sbyte)c, (sbyte)d])[0]);
    }

    [Fact]
    public void AveragePool_SamePadding_DividesByInBoundsCount()
    {
        // 3x3 input 1..9, 3x3 window, stride 1, pad 1: count is 4 at corners, 6 on edges, 9 in the centre.
        // (0,0): 12/4 = 3; (0,1): 21/6 = 3.5 -> (21+3)/6 = 4; (0,2): 16/4 = 4; (1,0): 27/6 = 4.5 -> 5;
        // (1,1): 45/9 = 5; (1,2): 33/6 = 5.5 -> 6; (2,0): 24/4 = 6; (2,1): 39/6 = 6.5 -> 7; (2,2): 28/4 = 7.
        // (Dividing by the full 9 would give 1 at the corners.)
        var p = new PoolParams { StrideH = 1, StrideW = 1, FilterH = 3, FilterW = 3, PadTop = 1, PadLeft = 1, ActMin = -128, ActMax = 127 };
        sbyte[] input = Enumerable.Range(1, 9).Select(v => (sbyte)v).ToArray();
        var output = new sbyte[9];
        AveragePool2DKernel.Run(p, new FeatureMapShape(3, 3, 1), input, new FeatureMapShape(3, 3, 1), output);
        Assert.Equal(new sbyte[] { 3, 4, 4, 5, 5, 6, 6, 7, 7 }, output);
    }

    [Fact]
    public void AveragePool_GlobalPoolOverChannels()
    {
        // 2x1x2 input, channels averaged separately: ch0 (10 + 21) / 2 = 15.5 -> 16, ch1 (-10 - 21) / 2 -> -16.
        var p = new PoolParams { StrideH = 1, StrideW = 1, FilterH = 2, FilterW = 1, ActMin = -128, ActMax = 127 };
        var output = new sbyte[2];
        AveragePool2DKernel.Run(p, new FeatureMapShape(2, 1, 2), [10, -10, 21, -21], new FeatureMapShape(1, 1, 2), output);
        Assert.Equal(new sbyte[] { 16, -16 }, output);
    }

    [Fact]
    public void MaxPool_SamePadding_IgnoresPaddingTaps()
    {
        // 3x3 input -1..-9, 2x2 window, stride 2, SAME (pad_top = pad_left = 0, one row/column of padding
        // at the bottom/right). If padding counted as 0 the last three windows would give 0.
        // (0,0): max(-1,-2,-4,-5) = -1; (0,1): max(-3,-6) = -3; (1,0): max(-7,-8) = -7; (1,1): -9.
        var p = new PoolParams { StrideH = 2, StrideW = 2, FilterH = 2, FilterW = 2, ActMin = -128, ActMax = 127 };
        sbyte[] input = Enumerable.Range(1, 9).Select(v => (sbyte)-v).ToArray();
        var output = new sbyte[4];
        MaxPool2DKernel.Run(p, new FeatureMapShape(3, 3, 1), input, new FeatureMapShape(2, 2, 1), output);
        Assert.Equal(new sbyte[] { -1, -3, -7, -9 }, output);
    }

    [Fact]
    public void MaxPool_ClampsToActivationRange()
    {
        var p = new PoolParams { StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 2, ActMin = 0, ActMax = 50 };
        var output = new sbyte[2];
        // Rows [100, 3] -> 100 -> 50; [-5, -9] -> -5 -> 0.
        MaxPool2DKernel.Run(p, new FeatureMapShape(2, 2, 1), [100, 3, -5, -9], new FeatureMapShape(2, 1, 1), output);
        Assert.Equal(new sbyte[] { 50, 0 }, output);
    }

    [Fact]
    public void Pool_WindowEntirelyInPadding_IsAnError()
    {
        var p = new PoolParams { StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 1, PadTop = 1, ActMin = -128, ActMax = 127 };
        Assert.Throws<InvalidOperationException>(() =>
            AveragePool2DKernel.Run(p, new FeatureMapShape(1, 1, 1), [1], new FeatureMapShape(1, 1, 1), new sbyte[1]));
    }
}
