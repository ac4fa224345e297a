using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.Kwsm;
using KwsNano.Native;
using KwsNano.Quantization;

namespace KwsNano.Tests.NativeHost;

/// <summary>
/// Seeded random small networks that use every opcode (no shared model has MAX_POOL_2D or ADD) with random
/// shapes, strides, SAME/VALID padding, depth multipliers, per-channel and per-tensor requantisation,
/// folded offsets, fused activations and quantisation parameters computed as TFLite does. Each network is
/// written with the C# writer, accepted by the C# reader and the native loader, and run by the native
/// engine and the C# interpreter on random inputs: outputs must be identical.
/// </summary>
public class NativeRandomNetworkTests
{
    private const int Networks = 150;
    private const int InputsPerNetwork = 25;

    [Fact]
    public void RandomNetworksMatchTheInterpreterExactly()
    {
        int nonTrivial = 0;
        for (int n = 0; n < Networks; n++)
        {
            var rng = new Random(9000 + n);
            KwsmModel model = RandomNetwork(rng);
            byte[] blob = KwsmWriter.Write(model);
            var interpreter = new KwsmInterpreter(KwsmReader.Read(blob, $"net{n}"));
            using var native = NativeEngine.Open(blob, $"net{n}");
            var seen = new HashSet<string>();
            var input = new sbyte[model.Input.Size];
            for (int t = 0; t < InputsPerNetwork; t++)
            {
                for (int i = 0; i < input.Length; i++) input[i] = (sbyte)rng.Next(-128, 128);
                sbyte[] expected = interpreter.Invoke(input);
                sbyte[] actual = native.Invoke(input);
                if (!expected.AsSpan().SequenceEqual(actual))
                {
                    Assert.Fail($"network {n} ({Describe(model)}), input {t}: native [{string.Join(",", actual)}] != interpreter [{string.Join(",", expected)}]");
                }
                seen.Add(string.Join(",", actual));
            }
            if (seen.Count > 1) nonTrivial++;
        }
        // Most networks must not collapse to a constant output, or the comparison proves little.
        Assert.True(nonTrivial >= Networks * 2 / 3, $"only {nonTrivial} of {Networks} networks gave varying outputs");
    }

    private static string Describe(KwsmModel m) =>
        string.Join(" ", m.Ops.Select(o => $"{o.OpCode}[{string.Join("x", m.Tensors[o.Output].Dims)}]"));

    private static KwsmModel RandomNetwork(Random rng)
    {
        var tensors = new List<KwsmTensor>();
        var ops = new List<KwsmOp>();
        float RandScale(float lo, float hi) => lo * MathF.Pow(hi / lo, (float)rng.NextDouble());
        int Add(int[] dims, float scale, int zp)
        {
            tensors.Add(new KwsmTensor { Dims = dims, Scale = scale, ZeroPoint = zp });
            return tensors.Count - 1;
        }
        (int Out, int Pad, byte Mode) Window(int size, int filter, int stride)
        {
            bool valid = size >= filter && rng.Next(2) == 0;
            if (valid) return ((size - filter) / stride + 1, 0, 1);
            int o = (size + stride - 1) / stride;
            return (o, Math.Max((o - 1) * stride + filter - size, 0) / 2, 0);
        }

        int h = rng.Next(3, 10), w = rng.Next(3, 10), c = rng.Next(1, 4);
        int input = Add([1, h, w, c], RandScale(0.02f, 0.5f), rng.Next(-128, 128));

        int cur = input;
        cur = Conv(cur, depthwise: false);
        if (rng.Next(2) == 0) cur = Pool(cur, KwsmOpCode.MaxPool2D);
        cur = Conv(cur, depthwise: true);
        {
            // Residual ADD of the tensor and a 1x1 convolution of it (different scale and zero point).
            int branch = Conv(cur, depthwise: false, pointwiseSameChannels: true);
            var a = tensors[cur];
            var b = tensors[branch];
            int sum = Add((int[])a.Dims.Clone(), RandScale(0.02f, 0.5f), rng.Next(-128, 128));
            var q = QuantParams.AddParams(a.Scale, b.Scale, tensors[sum].Scale, out int leftShift);
            var (lo, hi) = ActivationRange.Int8(rng.Next(3), tensors[sum].Scale, tensors[sum].ZeroPoint);
            ops.Add(new KwsmOp
            {
                OpCode = KwsmOpCode.Add, Input0 = cur, Input1 = branch, Output = sum, ActMin = lo, ActMax = hi,
                Quant = q, P = [-a.ZeroPoint, -b.ZeroPoint, tensors[sum].ZeroPoint, leftShift, 0, 0, 0],
            });
            cur = sum;
        }
        cur = Pool(cur, rng.Next(2) == 0 ? KwsmOpCode.AveragePool2D : KwsmOpCode.MaxPool2D);
        {
            var t = tensors[cur];
            int flat = Add([1, t.Size], t.Scale, t.ZeroPoint);
            ops.Add(new KwsmOp { OpCode = KwsmOpCode.Reshape, Input0 = cur, Output = flat, Flags = KwsmOpFlags.InPlace });
            cur = flat;
        }
        int classes = rng.Next(2, 13);
        {
            var t = tensors[cur];
            int k = t.Size;
            bool perChannel = rng.Next(2) == 0;
            int output = Add([1, classes], RandScale(0.05f, 0.5f), rng.Next(-128, 128));
            var weights = RandomWeights(rng, classes * k);
            var bias = Enumerable.Range(0, classes).Select(_ => rng.Next(-3000, 3001)).ToArray();
            // Fold the input offset into the bias (always exact for FULLY_CONNECTED).
            for (int oc = 0; oc < classes; oc++)
            {
                int sumW = 0;
                for (int i = 0; i < k; i++) sumW += weights[oc * k + i];
                bias[oc] += -t.ZeroPoint * sumW;
            }
            ops.Add(new KwsmOp
            {
                OpCode = KwsmOpCode.FullyConnected, Input0 = cur, Output = output, Flags = KwsmOpFlags.OffsetFolded | (perChannel ? KwsmOpFlags.PerChannel : 0),
                Weights = weights, Bias = bias, Quant = Requant(perChannel ? classes : 1, t.Scale, tensors[output].Scale),
                P = [-t.ZeroPoint, tensors[output].ZeroPoint, 0, 0, 0, 0, 0],
            });
            cur = output;
        }
        var flags = KwsmModelFlags.None;
        if (rng.Next(2) == 0)
        {
            var t = tensors[cur];
            int probs = Add([1, classes], 1f / 256, -128);
            var (m, s) = QuantParams.PreprocessSoftmaxScaling(1.0, t.Scale, 5);
            ops.Add(new KwsmOp
            {
                OpCode = KwsmOpCode.Softmax, Input0 = cur, Output = probs,
                P = [m, s, -QuantParams.CalculateInputRadius(5, s), 0, 0, 0, 0],
            });
            cur = probs;
            flags = KwsmModelFlags.OutputIsSoftmax;
        }

        InPlacePlanner.Plan(tensors, ops, input, inPlace: true); // kernel scratch and in-place pointwise/depthwise: the converter's small memory plan (convert --memory small)
        int arena = MemoryPlanner.Plan(tensors, ops, input, cur);
        var inT = tensors[input];
        return new KwsmModel
        {
            Flags = flags,
            ArenaBytes = arena,
            Labels = Enumerable.Range(0, classes).Select(i => $"c{i}").ToList(),
            Frontend = new KwsmFrontend { Kind = 0, NumFrames = h, NumCoeffs = w * c, InputScale = inT.Scale, InputZeroPoint = inT.ZeroPoint, Preset = "none" },
            Tensors = tensors,
            Ops = ops,
            InputTensor = input,
            OutputTensor = cur,
        };

        int Conv(int src, bool depthwise, bool pointwiseSameChannels = false)
        {
            var t = tensors[src];
            int ih = t.Dims[1], iw = t.Dims[2], ic = t.Dims[3];
            int fh = pointwiseSameChannels ? 1 : rng.Next(1, 4), fw = pointwiseSameChannels ? 1 : rng.Next(1, 4);
            int sh = pointwiseSameChannels ? 1 : rng.Next(1, 3), sw = pointwiseSameChannels ? 1 : rng.Next(1, 3);
            var (oh, pt, modeH) = Window(ih, fh, sh);
            var (ow, pl, modeW) = Window(iw, fw, sw);
            if (modeH != modeW)
            {
                // One padding mode per op: recompute the width with the height's mode.
                if (modeH == 1 && iw >= fw) { ow = (iw - fw) / sw + 1; pl = 0; }
                else { modeH = 0; oh = (ih + sh - 1) / sh; pt = Math.Max((oh - 1) * sh + fh - ih, 0) / 2; ow = (iw + sw - 1) / sw; pl = Math.Max((ow - 1) * sw + fw - iw, 0) / 2; }
            }
            int dm = depthwise ? rng.Next(1, 3) : 0;
            int oc = depthwise ? ic * dm : pointwiseSameChannels ? ic : rng.Next(1, 5);
            int output = Add([1, oh, ow, oc], RandScale(0.02f, 0.5f), rng.Next(-128, 128));
            bool perChannel = rng.Next(3) != 0;
            var weights = RandomWeights(rng, depthwise ? fh * fw * oc : oc * fh * fw * ic);
            var bias = Enumerable.Range(0, oc).Select(_ => rng.Next(-2000, 2001)).ToArray();
            bool noPaddingSeen = pt == 0 && pl == 0 && (oh - 1) * sh + fh <= ih && (ow - 1) * sw + fw <= iw;
            bool fold = (noPaddingSeen || (fh == 1 && fw == 1)) && rng.Next(2) == 0;
            if (fold)
            {
                int taps = depthwise ? fh * fw : fh * fw * ic;
                for (int o = 0; o < oc; o++)
                {
                    int sumW = 0;
                    for (int i = 0; i < taps; i++) sumW += depthwise ? weights[i * oc + o] : weights[o * taps + i];
                    bias[o] += -t.ZeroPoint * sumW;
                }
            }
            var (lo, hi) = ActivationRange.Int8(rng.Next(3), tensors[output].Scale, tensors[output].ZeroPoint);
            ops.Add(new KwsmOp
            {
                OpCode = depthwise ? KwsmOpCode.DepthwiseConv2D : KwsmOpCode.Conv2D, Input0 = src, Output = output,
                Padding = modeH, StrideH = sh, StrideW = sw, FilterH = fh, FilterW = fw, PadTop = pt, PadLeft = pl,
                DepthMultiplier = dm, ActMin = lo, ActMax = hi,
                Flags = (perChannel ? KwsmOpFlags.PerChannel : 0) | (fold ? KwsmOpFlags.OffsetFolded : 0),
                Weights = weights, Bias = bias, Quant = Requant(perChannel ? oc : 1, t.Scale, tensors[output].Scale),
                P = [-t.ZeroPoint, tensors[output].ZeroPoint, 0, 0, 0, 0, 0],
            });
            return output;
        }

        int Pool(int src, KwsmOpCode code)
        {
            var t = tensors[src];
            int ih = t.Dims[1], iw = t.Dims[2];
            int fh = rng.Next(1, Math.Min(ih, 3) + 1), fw = rng.Next(1, Math.Min(iw, 3) + 1);
            int sh = rng.Next(1, 3), sw = rng.Next(1, 3);
            byte mode = (byte)rng.Next(2);
            int oh, ow, pt, pl;
            if (mode == 1) { oh = (ih - fh) / sh + 1; ow = (iw - fw) / sw + 1; pt = 0; pl = 0; }
            else
            {
                oh = (ih + sh - 1) / sh; ow = (iw + sw - 1) / sw;
                pt = Math.Max((oh - 1) * sh + fh - ih, 0) / 2; pl = Math.Max((ow - 1) * sw + fw - iw, 0) / 2;
            }
            int output = Add([1, oh, ow, t.Dims[3]], t.Scale, t.ZeroPoint);
            var (lo, hi) = ActivationRange.Int8(rng.Next(3), t.Scale, t.ZeroPoint);
            ops.Add(new KwsmOp
            {
                OpCode = code, Input0 = src, Output = output, Padding = mode, StrideH = sh, StrideW = sw,
                FilterH = fh, FilterW = fw, PadTop = pt, PadLeft = pl, ActMin = lo, ActMax = hi,
            });
            return output;
        }

        int[] Requant(int count, float inScale, float outScale)
        {
            var q = new int[2 * count];
            for (int i = 0; i < count; i++)
            {
                var (m, s) = QuantParams.ConvMultiplier(inScale, RandScale(0.002f, 0.05f), outScale);
                q[i] = m;
                q[count + i] = s;
            }
            return q;
        }
    }

    private static sbyte[] RandomWeights(Random rng, int n)
    {
        var w = new sbyte[n];
        for (int i = 0; i < n; i++) w[i] = (sbyte)rng.Next(-127, 128);
        return w;
    }
}
