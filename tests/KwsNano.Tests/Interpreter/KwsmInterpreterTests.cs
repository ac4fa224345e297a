using KwsNano.Interpreter;
using KwsNano.Interpreter.Kernels;
using KwsNano.Kwsm;
using KwsNano.Quantization;

namespace KwsNano.Tests.Interpreter;

public class KwsmInterpreterTests
{
    private static KwsmTensor T(int offset, float scale, int zp, params int[] dims) =>
        new() { Dims = dims, ArenaOffset = offset, Scale = scale, ZeroPoint = zp };

    private static KwsmFrontend NoFrontend => new() { Kind = 0, Preset = "none" };

    /// <summary>
    /// input [1,4,4,1] -> AVERAGE_POOL 2x2/2 -> [1,2,2,1] -> RESHAPE (in place) -> [1,4] -> FC 4->3 -> SOFTMAX.
    /// Arena: t0 0..16, t1 = t2 16..20, t3 0..3 (reuses the dead input), t4 32..35.
    /// </summary>
    private static KwsmModel SmallModel(int fcOutputOffset = 0, bool softmax = true)
    {
        var (sm, ss) = QuantParams.PreprocessSoftmaxScaling(1.0, 0.1, 5);
        int diffMin = -QuantParams.CalculateInputRadius(5, ss);
        var tensors = new List<KwsmTensor>
        {
            T(0, 1f, 0, 1, 4, 4, 1),
            T(16, 1f, 0, 1, 2, 2, 1),
            T(16, 1f, 0, 1, 4),
            T(fcOutputOffset, 0.1f, 0, 1, 3),
        };
        var ops = new List<KwsmOp>
        {
            new() { OpCode = KwsmOpCode.AveragePool2D, Input0 = 0, Output = 1, StrideH = 2, StrideW = 2, FilterH = 2, FilterW = 2 },
            new() { OpCode = KwsmOpCode.Reshape, Input0 = 1, Output = 2, Flags = KwsmOpFlags.InPlace },
            new()
            {
                OpCode = KwsmOpCode.FullyConnected, Input0 = 2, Output = 3, Flags = KwsmOpFlags.OffsetFolded,
                Weights = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], Bias = [0, 0, 0], Quant = [1 << 30, 1],
            },
        };
        if (softmax)
        {
            tensors.Add(T(32, 1f / 256, -128, 1, 3));
            ops.Add(new() { OpCode = KwsmOpCode.Softmax, Input0 = 3, Output = 4, P = [sm, ss, diffMin, 0, 0, 0, 0] });
        }
        return new KwsmModel
        {
            Flags = softmax ? KwsmModelFlags.OutputIsSoftmax : KwsmModelFlags.None,
            ArenaBytes = 48,
            Labels = ["a", "b", "c"],
            Frontend = NoFrontend,
            Tensors = tensors,
            Ops = ops,
            InputTensor = 0,
            OutputTensor = tensors.Count - 1,
        };
    }

    private static readonly sbyte[] Input1To16 = Enumerable.Range(1, 16).Select(v => (sbyte)v).ToArray();

    [Fact]
    public void Invoke_RunsOpsInTheArena_WithInPlaceReshapeAndReusedInput()
    {
        var interp = new KwsmInterpreter(SmallModel());
        IReadOnlyList<sbyte[]> trace = interp.InvokeTrace(Input1To16);
        // Average pool of 1..16 in 2x2 blocks: 14/4, 22/4, 46/4, 54/4 = 3.5, 5.5, 11.5, 13.5 -> 4, 6, 12, 14.
        Assert.Equal(new sbyte[] { 4, 6, 12, 14 }, trace[0]);
        Assert.Equal(new sbyte[] { 4, 6, 12, 14 }, trace[1]);
        // FC picks elements 0, 1, 3 with scale 1.0.
        Assert.Equal(new sbyte[] { 4, 6, 14 }, trace[2]);
        // Softmax of [0.4, 0.6, 1.4]: the same as the kernel run on its own.
        var expected = new sbyte[3];
        var op = interp.Model.Ops[3];
        SoftmaxKernel.Run(new SoftmaxParams(op.P[0], op.P[1], op.P[2]), 1, 3, trace[2], expected);
        Assert.Equal(expected, trace[3]);
        Assert.Equal(expected, interp.Invoke(Input1To16));
        // Float check: exp(0.4, 0.6, 1.4) = 1.4918, 1.8221, 4.0552, sum 7.3691 -> 0.2024, 0.2473, 0.5503;
        // * 256 - 128 = -76.2, -64.7, 12.9.
        Assert.InRange(expected[0], -77, -75);
        Assert.InRange(expected[1], -66, -64);
        Assert.InRange(expected[2], 12, 14);
    }

    [Fact]
    public void Invoke_IsRepeatable()
    {
        var interp = new KwsmInterpreter(SmallModel());
        sbyte[] a = interp.Invoke(Input1To16);
        interp.Invoke(Enumerable.Repeat((sbyte)-100, 16).ToArray());
        Assert.Equal(a, interp.Invoke(Input1To16));
    }

    [Fact]
    public void Probabilities_DequantiseSoftmaxOutput()
    {
        var interp = new KwsmInterpreter(SmallModel());
        sbyte[] q = interp.Invoke(Input1To16);
        float[] p = interp.InvokeProbabilities(Input1To16);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal((q[i] + 128) / 256f, p[i]);
        }
    }

    [Fact]
    public void Probabilities_FloatSoftmaxWhenModelHasNone()
    {
        var interp = new KwsmInterpreter(SmallModel(softmax: false));
        float[] p = interp.InvokeProbabilities(Input1To16);
        // Logits [0.4, 0.6, 1.4] -> exp normalised.
        double[] e = [Math.Exp(0.4), Math.Exp(0.6), Math.Exp(1.4)];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(e[i] / e.Sum(), p[i], 5);
        }
    }

    [Fact]
    public void OutputOverlappingItsInput_IsReported()
    {
        // FC output placed at 16, on top of its own input (t2): a planner bug.
        var e = Assert.Throws<InvalidDataException>(() => new KwsmInterpreter(SmallModel(fcOutputOffset: 16)));
        Assert.Contains("op 2 (FullyConnected", e.Message);
        Assert.Contains("overlaps input tensor 2", e.Message);
    }

    [Fact]
    public void LiveTensorOverwrittenByALaterOp_IsReported()
    {
        // t0 -> pool -> t1 -> pool -> t2 -> pool -> t3; ADD(t1, t3) -> t4. t3 is placed on t1's bytes although
        // t1 is still needed by the ADD.
        int[] add = QuantParams.AddParams(1f, 1f, 1f, out int ls);
        PoolParamsOp(out var pool);
        var model = new KwsmModel
        {
            ArenaBytes = 64,
            Labels = ["x"],
            Frontend = NoFrontend,
            Tensors = [T(0, 1, 0, 1, 1, 1, 1), T(16, 1, 0, 1, 1, 1, 1), T(32, 1, 0, 1, 1, 1, 1), T(16, 1, 0, 1, 1, 1, 1), T(48, 1, 0, 1, 1, 1, 1)],
            Ops =
            [
                pool(0, 1), pool(1, 2), pool(2, 3),
                new() { OpCode = KwsmOpCode.Add, Input0 = 1, Input1 = 3, Output = 4, Quant = add, P = [0, 0, 0, ls, 0, 0, 0] },
            ],
            InputTensor = 0,
            OutputTensor = 4,
        };
        var e = Assert.Throws<InvalidDataException>(() => new KwsmInterpreter(model));
        Assert.Contains("op 3 (Add", e.Message);
        Assert.Contains("overwritten by tensor 3", e.Message);

        // Correctly planned (t3 at 0, where the dead input was) it runs: x + x for a chain of 1x1 pools.
        model = new KwsmModel
        {
            ArenaBytes = 64, Labels = ["x"], Frontend = NoFrontend, InputTensor = 0, OutputTensor = 4, Ops = model.Ops,
            Tensors = [T(0, 1, 0, 1, 1, 1, 1), T(16, 1, 0, 1, 1, 1, 1), T(32, 1, 0, 1, 1, 1, 1), T(0, 1, 0, 1, 1, 1, 1), T(48, 1, 0, 1, 1, 1, 1)],
        };
        Assert.Equal(new sbyte[] { 42 }, new KwsmInterpreter(model).Invoke([21]));
    }

    private static void PoolParamsOp(out Func<int, int, KwsmOp> make) =>
        make = (i, o) => new KwsmOp { OpCode = KwsmOpCode.MaxPool2D, Input0 = i, Output = o, StrideH = 1, StrideW = 1, FilterH = 1, FilterW = 1 };

    [Fact]
    public void ReshapeNotInPlace_Copies()
    {
        var model = new KwsmModel
        {
            ArenaBytes = 32, Labels = ["a", "b"], Frontend = NoFrontend, InputTensor = 0, OutputTensor = 1,
            Tensors = [T(0, 1, 0, 1, 1, 1, 2), T(16, 1, 0, 1, 2)],
            Ops = [new() { OpCode = KwsmOpCode.Reshape, Input0 = 0, Output = 1 }],
        };
        Assert.Equal(new sbyte[] { 5, -6 }, new KwsmInterpreter(model).Invoke([5, -6]));
    }

    [Fact]
    public void TensorOutsideTheArena_IsReported()
    {
        var model = SmallModel();
        model.ArenaBytes = 34;
        var e = Assert.Throws<InvalidDataException>(() => new KwsmInterpreter(model));
        Assert.Contains("tensor 4", e.Message);
        Assert.Contains("outside the 34-byte arena", e.Message);
    }

    [Fact]
    public void WrongInputLength_IsAnArgumentError()
    {
        var interp = new KwsmInterpreter(SmallModel());
        var e = Assert.Throws<ArgumentException>(() => interp.Invoke(new sbyte[15]));
        Assert.Contains("16", e.Message);
    }

    [Fact]
    public void BadQuantTable_NamesTheOp()
    {
        var model = SmallModel();
        var fc = model.Ops[2];
        var ops = model.Ops.ToList();
        ops[2] = new KwsmOp
        {
            OpCode = fc.OpCode, Input0 = fc.Input0, Output = fc.Output, Flags = fc.Flags | KwsmOpFlags.PerChannel,
            Weights = fc.Weights, Bias = fc.Bias, Quant = fc.Quant, SourceIndex = 7,
        };
        var bad = new KwsmModel
        {
            Flags = model.Flags, ArenaBytes = model.ArenaBytes, Labels = model.Labels, Frontend = model.Frontend,
            Tensors = model.Tensors, Ops = ops, InputTensor = 0, OutputTensor = 4,
        };
        var e = Assert.Throws<InvalidDataException>(() => new KwsmInterpreter(bad).Invoke(Input1To16));
        Assert.Contains("op 2 (FullyConnected, source operator 7)", e.Message);
        Assert.Contains("expected 6", e.Message);
    }

    [Fact]
    public void QuantizeInput_FollowsTheFrontendRule()
    {
        var model = SmallModel();
        var t0 = model.Tensors[0];
        var scaled = new KwsmModel
        {
            ArenaBytes = model.ArenaBytes, Labels = model.Labels, Frontend = model.Frontend, Ops = model.Ops, InputTensor = 0, OutputTensor = 4,
            Tensors = [T(0, 0.5f, 3, 1, 4, 4, 1), .. model.Tensors.Skip(1)],
        };
        var interp = new KwsmInterpreter(scaled);
        float[] f = new float[16];
        // q = round(c / 0.5 + 3), half away from zero.
        f[0] = 1.25f;   // 2.5 + 3 = 5.5 -> 6
        f[1] = -1.75f;  // -3.5 + 3 = -0.5 -> -1
        f[2] = 1000f;   // clamps to 127
        f[3] = -1000f;  // clamps to -128
        sbyte[] q = interp.QuantizeInput(f);
        Assert.Equal(new sbyte[] { 6, -1, 127, -128, 3 }, q.Take(5).ToArray());
        Assert.Equal(0, t0.ZeroPoint);
    }
}
