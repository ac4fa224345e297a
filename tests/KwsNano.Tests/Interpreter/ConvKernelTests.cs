using KwsNano.Interpreter.Kernels;

namespace KwsNano.Tests.Interpreter;

public class ConvKernelTests
{
    // Multiplier 2^30 (0.5 in Q31) with shift +1 is exactly 1.0; shift 0 is 0.5; shift +2 is 2.0; shift -1 is 0.25.
    private const int Half = 1 << 30;

    [Fact]
    public void Conv_SamePadding_CornersSeeFewerTaps()
    {
        // 3x3x1 input, real values 1..9 stored with zero point -1 (q = v - 1, input_offset = +1).
        // 3x3 all-ones filter, stride 1, pad 1 (SAME), bias 0, scale 1.0, output zp 0.
        sbyte[] input = Enumerable.Range(1, 9).Select(v => (sbyte)(v - 1)).ToArray();
        sbyte[] weights = Enumerable.Repeat((sbyte)1, 9).ToArray();
        var p = new ConvParams
        {
            StrideH = 1, StrideW = 1, FilterH = 3, FilterW = 3, PadTop = 1, PadLeft = 1,
            InputOffset = 1, OutputOffset = 0, ActMin = -128, ActMax = 127,
        };
        var output = new sbyte[9];
        Conv2DKernel.Run(p, [Half], [1], new FeatureMapShape(3, 3, 1), input, weights, [0], new FeatureMapShape(3, 3, 1), output);
        // Sums of the in-bounds real values:
        // (0,0): 1+2+4+5 = 12    (0,1): 1..6 = 21        (0,2): 2+3+5+6 = 16
        // (1,0): 1+2+4+5+7+8 = 27 (1,1): 45              (1,2): 2+3+5+6+8+9 = 33
        // (2,0): 4+5+7+8 = 24    (2,1): 4..9 = 39        (2,2): 5+6+8+9 = 28
        Assert.Equal(new sbyte[] { 12, 21, 16, 27, 45, 33, 24, 39, 28 }, output);
    }

    [Fact]
    public void Conv_SamePadding_FoldedOffsetMustNotReachPadding()
    {
        // A folded bias already counts input_offset for all 9 taps; at a corner only 4 are real, so a
        // folded op with padding would silently differ from TFLite. The kernel refuses it.
        var p = new ConvParams
        {
            StrideH = 1, StrideW = 1, FilterH = 3, FilterW = 3, PadTop = 1, PadLeft = 1,
            InputOffset = 1, ActMin = -128, ActMax = 127, OffsetFolded = true,
        };
        var e = Assert.Throws<InvalidOperationException>(() => Conv2DKernel.Run(p, [Half], [1], new FeatureMapShape(3, 3, 1),
            new sbyte[9], new sbyte[9], [9], new FeatureMapShape(3, 3, 1), new sbyte[9]));
        Assert.Contains("OFFSET_FOLDED", e.Message);
    }

    private static (ConvParams P, sbyte[] Input, sbyte[] Weights) Stride2Case(bool folded)
    {
        // 4x4x1 input, real v = y*4 + x (0..15), input zero point 3 (q = v + 3, input_offset = -3).
        // Two output channels, 2x2 filters, stride 2, VALID:
        //   filter0 = [[1,1],[1,1]], filter1 = [[1,0],[2,-1]].
        sbyte[] input = Enumerable.Range(0, 16).Select(v => (sbyte)(v + 3)).ToArray();
        sbyte[] weights = [1, 1, 1, 1, 1, 0, 2, -1]; // OHWI with Cin = 1
        var p = new ConvParams
        {
            StrideH = 2, StrideW = 2, FilterH = 2, FilterW = 2,
            InputOffset = -3, OutputOffset = 5, ActMin = -128, ActMax = 127, OffsetFolded = folded,
        };
        return (p, input, weights);
    }

    // Per channel: ch0 scale 0.5 (Half, 0), bias 11; ch1 scale 2.0 (Half, +2), bias -3.
    // Windows: (0,0) {0,1,4,5}, (0,1) {2,3,6,7}, (1,0) {8,9,12,13}, (1,1) {10,11,14,15}.
    // ch0: sums 10, 18, 42, 50; +11 = 21, 29, 53, 61; *0.5 = 10.5, 14.5, 26.5, 30.5 -> 11, 15, 27, 31 (halves up); +5.
    // ch1: a + 2c - d = 0+8-5=3, 2+12-7=7, 8+24-13=19, 10+28-15=23; -3 = 0, 4, 16, 20; *2 = 0, 8, 32, 40; +5.
    private static readonly sbyte[] Stride2Expected = [16, 5, 20, 13, 32, 37, 36, 45];

    [Fact]
    public void Conv_Stride2_PerChannelScales()
    {
        var (p, input, weights) = Stride2Case(folded: false);
        var output = new sbyte[8];
        Conv2DKernel.Run(p, [Half, Half], [0, 2], new FeatureMapShape(4, 4, 1), input, weights, [11, -3], new FeatureMapShape(2, 2, 2), output);
        Assert.Equal(Stride2Expected, output);
    }

    [Fact]
    public void Conv_Stride2_FoldedBiasGivesTheSameResult()
    {
        // Folded bias = bias + input_offset * sum(w): ch0 11 + (-3)*4 = -1; ch1 -3 + (-3)*(1+0+2-1) = -9.
        var (p, input, weights) = Stride2Case(folded: true);
        var output = new sbyte[8];
        Conv2DKernel.Run(p, [Half, Half], [0, 2], new FeatureMapShape(4, 4, 1), input, weights, [-1, -9], new FeatureMapShape(2, 2, 2), output);
        Assert.Equal(Stride2Expected, output);
    }

    [Fact]
    public void Conv_PerTensorQuant_AndActivationClamp()
    {
        // Same case with one (Half, +2) = 2.0 for both channels and a RELU6-like clamp [5, 30]:
        // ch0: 21, 29, 53, 61 * 2 = 42, 58, 106, 122, +5 -> 47.. -> all clamp to 30.
        // ch1: 0, 8, 32, 40 + 5 = 5, 13, 37, 45 -> 5, 13, 30, 30.
        var (p, input, weights) = Stride2Case(folded: false);
        p = p with { ActMin = 5, ActMax = 30 };
        var output = new sbyte[8];
        Conv2DKernel.Run(p, [Half], [2], new FeatureMapShape(4, 4, 1), input, weights, [11, -3], new FeatureMapShape(2, 2, 2), output);
        Assert.Equal(new sbyte[] { 30, 5, 30, 13, 30, 30, 30, 30 }, output);
    }

    [Fact]
    public void Conv_MultiChannelInput_SumsOverChannels()
    {
        // 1x1 input with 3 channels [1, -2, 3], zero point 0; 1x1 filter [2, 3, 4] -> 2 - 6 + 12 = 8; bias 1 -> 9.
        var p = new ConvParams { StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 1, ActMin = -128, ActMax = 127 };
        var output = new sbyte[1];
        Conv2DKernel.Run(p, [Half], [1], new FeatureMapShape(1, 1, 3), [1, -2, 3], [2, 3, 4], [1], new FeatureMapShape(1, 1, 1), output);
        Assert.Equal(9, output[0]);
    }

    [Fact]
    public void Conv_RejectsWrongWeightSize()
    {
        var p = new ConvParams { StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 1, ActMin = -128, ActMax = 127 };
        var e = Assert.Throws<ArgumentException>(() => Conv2DKernel.Run(p, [Half], [1], new FeatureMapShape(1, 1, 3),
            new sbyte[3], new sbyte[2], [], new FeatureMapShape(1, 1, 1), new sbyte[1]));
        Assert.Contains("weights", e.Message);
    }

    [Fact]
    public void Depthwise_SamePaddingStride2_PerChannel()
    {
        // 3x3x2 input: ch0 = v (1..9), ch1 = -v; zero points 0. 3x3 filter, weights ch0 = 1, ch1 = 2
        // ([fy][fx][oc] layout), stride 2, pad 1 -> output 2x2x2 centred on input (0,0), (0,2), (2,0), (2,2).
        var input = new sbyte[18];
        for (int i = 0; i < 9; i++)
        {
            input[i * 2] = (sbyte)(i + 1);
            input[i * 2 + 1] = (sbyte)-(i + 1);
        }
        var weights = new sbyte[18];
        for (int t = 0; t < 9; t++)
        {
            weights[t * 2] = 1;
            weights[t * 2 + 1] = 2;
        }
        var p = new ConvParams
        {
            StrideH = 2, StrideW = 2, FilterH = 3, FilterW = 3, PadTop = 1, PadLeft = 1, DepthMultiplier = 1,
            InputOffset = 0, OutputOffset = -1, ActMin = -128, ActMax = 127,
        };
        var output = new sbyte[8];
        DepthwiseConv2DKernel.Run(p, [Half, Half], [1, -1], new FeatureMapShape(3, 3, 2), input, weights, [0, 0], new FeatureMapShape(2, 2, 2), output);
        // Corner windows (4 in-bounds taps): sums 12, 16, 24, 28.
        // ch0 scale 1.0: 12, 16, 24, 28, zp -1 -> 11, 15, 23, 27.
        // ch1: 2 * (-sum) = -24, -32, -48, -56, scale 0.25 -> -6, -8, -12, -14, zp -1 -> -7, -9, -13, -15.
        Assert.Equal(new sbyte[] { 11, -7, 15, -9, 23, -13, 27, -15 }, output);
    }

    [Fact]
    public void Depthwise_DepthMultiplier2_MapsOutputChannelsToTheirInput()
    {
        // Input 1x1x2 [3, -4]; multiplier 2 -> oc = ic*2 + m: weights [2, -3, 1, 5]; bias [1, 1, 0, 0].
        // oc0 = 3*2+1 = 7, oc1 = 3*-3+1 = -8, oc2 = -4*1 = -4, oc3 = -4*5 = -20.
        var p = new ConvParams { StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 1, DepthMultiplier = 2, ActMin = -128, ActMax = 127 };
        var output = new sbyte[4];
        DepthwiseConv2DKernel.Run(p, [Half], [1], new FeatureMapShape(1, 1, 2), [3, -4], [2, -3, 1, 5], [1, 1, 0, 0], new FeatureMapShape(1, 1, 4), output);
        Assert.Equal(new sbyte[] { 7, -8, -4, -20 }, output);
    }

    [Fact]
    public void FullyConnected_RowsOffsetsAndClamp()
    {
        // Input rows [1,2,3] and [-1,0,4] with zero point 1 (offset -1): real [0,1,2], [-2,-1,3].
        // Weights [[1,1,1],[2,-1,0]], bias [5,-5], scale 1.0, output zp 0, clamp [-7, 127].
        // Row0: 0+1+2+5 = 8; 0-1+0-5 = -6. Row1: -2-1+3+5 = 5; -4+1+0-5 = -8 -> clamp -7.
        var p = new FullyConnectedParams { InputOffset = -1, OutputOffset = 0, ActMin = -7, ActMax = 127 };
        var output = new sbyte[4];
        FullyConnectedKernel.Run(p, [Half], [1], 2, 3, [1, 2, 3, -1, 0, 4], [1, 1, 1, 2, -1, 0], [5, -5], 2, output);
        Assert.Equal(new sbyte[] { 8, -6, 5, -7 }, output);

        // Folded: bias + (-1) * row sums of w = [5 - 3, -5 - 1] = [2, -6], same result.
        var folded = p with { OffsetFolded = true };
        FullyConnectedKernel.Run(folded, [Half], [1], 2, 3, [1, 2, 3, -1, 0, 4], [1, 1, 1, 2, -1, 0], [2, -6], 2, output);
        Assert.Equal(new sbyte[] { 8, -6, 5, -7 }, output);
    }
}
