using System.Runtime.InteropServices;
using KwsNano.Interpreter.Kernels;
using KwsNano.Kwsm;

namespace KwsNano.Interpreter;

/// <summary>
/// Reference interpreter of a packed model: runs the ops of a <see cref="KwsmModel"/> in table order with
/// the reference kernels, inside one byte arena laid out exactly as the model's tensor arena offsets say
/// (so in-place RESHAPE works as on the device and memory-plan errors change results or are reported).
/// It is the project's oracle for the native engine and the desktop tool's fallback engine.
/// Not thread-safe (one arena per instance).
/// </summary>
public sealed class KwsmInterpreter
{
    private readonly KwsmModel _model;
    private readonly byte[] _arena;

    /// <summary>Prepares an interpreter for <paramref name="model"/> and checks what it relies on.</summary>
    /// <exception cref="InvalidDataException">The model is inconsistent (the message names the op or tensor).</exception>
    public KwsmInterpreter(KwsmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        Validate(model);
        _arena = new byte[model.ArenaBytes];
        // VIRTUAL tensors (1.2: the output of a fused conv, never stored on the device) get their own buffers here:
        // the interpreter runs the pair as two ops, the reference the fused kernel must match byte for byte.
        _virtual = model.Tensors.Select(t => t.Virtual ? new byte[t.Size] : null).ToArray();
    }

    private readonly byte[]?[] _virtual;

    /// <summary>The model being run.</summary>
    public KwsmModel Model => _model;

    /// <summary>Number of int8 input elements.</summary>
    public int InputSize => _model.Input.Size;

    /// <summary>Number of int8 output elements.</summary>
    public int OutputSize => _model.Output.Size;

    /// <summary>Runs the model on a quantised input and returns the int8 output tensor.</summary>
    /// <exception cref="ArgumentException">The input length differs from the input tensor size.</exception>
    public sbyte[] Invoke(sbyte[] input)
    {
        return Run(input, null);
    }

    /// <summary>
    /// Runs the model and returns a copy of every op's output tensor, in op order (the last one is the
    /// model output); for debugging layer by layer against another engine.
    /// </summary>
    public IReadOnlyList<sbyte[]> InvokeTrace(sbyte[] input)
    {
        var trace = new List<sbyte[]>(_model.Ops.Count);
        Run(input, trace);
        return trace;
    }

    /// <summary>Runs the model and returns class probabilities (see <see cref="ToProbabilities"/>).</summary>
    public float[] InvokeProbabilities(sbyte[] input)
    {
        return ToProbabilities(Invoke(input));
    }

    /// <summary>
    /// Probabilities from an int8 output: dequantised directly when the model ends with SOFTMAX, otherwise a
    /// float softmax over the dequantised logits (per row of the last dimension).
    /// </summary>
    public float[] ToProbabilities(sbyte[] output)
    {
        ArgumentNullException.ThrowIfNull(output);
        KwsmTensor t = _model.Output;
        if (output.Length != t.Size)
        {
            throw new ArgumentException($"output has {output.Length} elements, the model output tensor has {t.Size}", nameof(output));
        }
        var values = new float[output.Length];
        for (int i = 0; i < output.Length; i++)
        {
            values[i] = (output[i] - t.ZeroPoint) * t.Scale;
        }
        if (EndsWithSoftmax)
        {
            return values;
        }
        int depth = t.Channels;
        for (int r = 0; r < values.Length / depth; r++)
        {
            Span<float> row = values.AsSpan(r * depth, depth);
            float max = float.NegativeInfinity;
            foreach (float v in row)
            {
                max = Math.Max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < depth; c++)
            {
                double e = Math.Exp(row[c] - max);
                row[c] = (float)e;
                sum += e;
            }
            for (int c = 0; c < depth; c++)
            {
                row[c] = (float)(row[c] / sum);
            }
        }
        return values;
    }

    /// <summary>True when the output already is a softmax (header flag or last op).</summary>
    public bool EndsWithSoftmax =>
        (_model.Flags & KwsmModelFlags.OutputIsSoftmax) != 0 || _model.Ops[^1].OpCode == KwsmOpCode.Softmax;

    /// <summary>
    /// Quantises float features to the int8 input with the input tensor's scale and zero point, by the
    /// front-end descriptor's rule (docs/kwsm-format.md, the same as the MFCC front-end):
    /// q = round(value / scale + zero_point) (double, half away from zero), clamped to [-128, 127].
    /// </summary>
    public sbyte[] QuantizeInput(ReadOnlySpan<float> features)
    {
        KwsmTensor t = _model.Input;
        if (features.Length != t.Size)
        {
            throw new ArgumentException($"{features.Length} features given, the model input has {t.Size} elements", nameof(features));
        }
        var q = new sbyte[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            double v = Math.Round(features[i] / (double)t.Scale + t.ZeroPoint, MidpointRounding.AwayFromZero);
            q[i] = (sbyte)Math.Clamp(v, sbyte.MinValue, sbyte.MaxValue);
        }
        return q;
    }

    private sbyte[] Run(sbyte[] input, List<sbyte[]>? trace)
    {
        ArgumentNullException.ThrowIfNull(input);
        KwsmTensor inT = _model.Input;
        if (input.Length != inT.Size)
        {
            throw new ArgumentException($"input has {input.Length} elements, the model input tensor {ShapeText(inT)} has {inT.Size}", nameof(input));
        }
        // Poison the arena so that reading a tensor no op has written shows up as garbage, not zeros.
        _arena.AsSpan().Fill(0xA5);
        MemoryMarshal.AsBytes(input.AsSpan()).CopyTo(_arena.AsSpan(inT.ArenaOffset, inT.Size));

        for (int i = 0; i < _model.Ops.Count; i++)
        {
            KwsmOp op = _model.Ops[i];
            try
            {
                Execute(op);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{Describe(i, op)}: {e.Message}", e);
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidDataException($"{Describe(i, op)}: {e.Message}", e);
            }
            trace?.Add(Tensor(op.Output).ToArray());
        }
        return Tensor(_model.OutputTensor).ToArray();
    }

    private Span<sbyte> Tensor(int index)
    {
        KwsmTensor t = _model.Tensors[index];
        return MemoryMarshal.Cast<byte, sbyte>(_virtual[index] is { } v ? v.AsSpan() : _arena.AsSpan(t.ArenaOffset, t.Size));
    }

    private void Execute(KwsmOp op)
    {
        KwsmTensor inT = _model.Tensors[op.Input0];
        KwsmTensor outT = _model.Tensors[op.Output];
        switch (op.OpCode)
        {
            case KwsmOpCode.Conv2D:
            case KwsmOpCode.DepthwiseConv2D:
            {
                var p = new ConvParams
                {
                    StrideH = op.StrideH,
                    StrideW = op.StrideW,
                    FilterH = op.FilterH,
                    FilterW = op.FilterW,
                    PadTop = op.PadTop,
                    PadLeft = op.PadLeft,
                    DepthMultiplier = op.DepthMultiplier,
                    InputOffset = op.P[0],
                    OutputOffset = op.P[1],
                    ActMin = op.ActMin,
                    ActMax = op.ActMax,
                    OffsetFolded = (op.Flags & KwsmOpFlags.OffsetFolded) != 0,
                };
                var (mult, shift) = SplitQuant(op, outT.Channels);
                // IN_PLACE (output over the input): computed out of place into a copy, then copied over (the
                // device's line-buffer kernels must give the same bytes).
                bool inPlace = (op.Flags & KwsmOpFlags.InPlace) != 0;
                Span<sbyte> dst = inPlace ? new sbyte[outT.Size] : Tensor(op.Output);
                if (op.OpCode == KwsmOpCode.Conv2D)
                {
                    Conv2DKernel.Run(p, mult, shift, Shape4(inT), Tensor(op.Input0), op.Weights, op.Bias, Shape4(outT), dst);
                }
                else
                {
                    DepthwiseConv2DKernel.Run(p, mult, shift, Shape4(inT), Tensor(op.Input0), op.Weights, op.Bias, Shape4(outT), dst);
                }
                if (inPlace) dst.CopyTo(Tensor(op.Output));
                if (op.ScratchSize > 0) _arena.AsSpan(op.ScratchOffset, op.ScratchSize).Fill(0x5A); // the kernel's scratch is clobbered
                break;
            }
            case KwsmOpCode.FullyConnected:
            {
                int outC = outT.Channels;
                int weights = op.Weights?.Length ?? 0;
                if (weights == 0 || weights % outC != 0)
                {
                    throw new InvalidOperationException($"weights size {weights} is not a multiple of the {outC} output channels");
                }
                int depth = weights / outC;
                if (inT.Size % depth != 0 || inT.Size / depth * outC != outT.Size)
                {
                    throw new InvalidOperationException(
                        $"input {ShapeText(inT)} does not flatten to rows of {depth} matching output {ShapeText(outT)}");
                }
                var p = new FullyConnectedParams
                {
                    InputOffset = op.P[0],
                    OutputOffset = op.P[1],
                    ActMin = op.ActMin,
                    ActMax = op.ActMax,
                    OffsetFolded = (op.Flags & KwsmOpFlags.OffsetFolded) != 0,
                };
                var (mult, shift) = SplitQuant(op, outC);
                FullyConnectedKernel.Run(p, mult, shift, inT.Size / depth, depth, Tensor(op.Input0), op.Weights, op.Bias, outC, Tensor(op.Output));
                break;
            }
            case KwsmOpCode.AveragePool2D:
            case KwsmOpCode.MaxPool2D:
            {
                var p = new PoolParams
                {
                    StrideH = op.StrideH,
                    StrideW = op.StrideW,
                    FilterH = op.FilterH,
                    FilterW = op.FilterW,
                    PadTop = op.PadTop,
                    PadLeft = op.PadLeft,
                    ActMin = op.ActMin,
                    ActMax = op.ActMax,
                };
                if (op.OpCode == KwsmOpCode.AveragePool2D)
                {
                    AveragePool2DKernel.Run(p, Shape4(inT), Tensor(op.Input0), Shape4(outT), Tensor(op.Output));
                }
                else
                {
                    MaxPool2DKernel.Run(p, Shape4(inT), Tensor(op.Input0), Shape4(outT), Tensor(op.Output));
                }
                break;
            }
            case KwsmOpCode.Reshape:
                if (inT.Size != outT.Size)
                {
                    throw new InvalidOperationException($"reshape from {ShapeText(inT)} to {ShapeText(outT)} changes the element count");
                }
                if (inT.ArenaOffset != outT.ArenaOffset)
                {
                    ReshapeKernel.Run(Tensor(op.Input0), Tensor(op.Output));
                }
                break;
            case KwsmOpCode.Softmax:
            {
                int depth = inT.Channels;
                if (outT.Size != inT.Size)
                {
                    throw new InvalidOperationException($"softmax output {ShapeText(outT)} differs from input {ShapeText(inT)}");
                }
                SoftmaxKernel.Run(new SoftmaxParams(op.P[0], op.P[1], op.P[2]), inT.Size / depth, depth, Tensor(op.Input0), Tensor(op.Output));
                break;
            }
            case KwsmOpCode.Add:
            {
                int[] q = op.Quant ?? [];
                if (q.Length < 6)
                {
                    throw new InvalidOperationException($"ADD quantisation table has {q.Length} entries, expected 6");
                }
                KwsmTensor in1 = _model.Tensors[op.Input1];
                if (in1.Size != inT.Size || outT.Size != inT.Size)
                {
                    throw new InvalidOperationException(
                        $"ADD shapes {ShapeText(inT)} + {ShapeText(in1)} -> {ShapeText(outT)} differ (no broadcasting in format v1)");
                }
                var p = new AddParams
                {
                    Input0Offset = op.P[0],
                    Input1Offset = op.P[1],
                    OutputOffset = op.P[2],
                    LeftShift = op.P[3],
                    Input0Multiplier = q[0],
                    Input0Shift = q[1],
                    Input1Multiplier = q[2],
                    Input1Shift = q[3],
                    OutputMultiplier = q[4],
                    OutputShift = q[5],
                    ActMin = op.ActMin,
                    ActMax = op.ActMax,
                };
                AddKernel.Run(p, Tensor(op.Input0), Tensor(op.Input1), Tensor(op.Output));
                break;
            }
            default:
                throw new InvalidOperationException($"opcode {(int)op.OpCode} is not implemented");
        }
    }

    /// <summary>Conv/FC quant table: n multipliers then n shifts, n = Cout with PER_CHANNEL else 1.</summary>
    private static (int[] Multipliers, int[] Shifts) SplitQuant(KwsmOp op, int outChannels)
    {
        int[] q = op.Quant ?? throw new InvalidOperationException("quantisation table is missing");
        int n = (op.Flags & KwsmOpFlags.PerChannel) != 0 ? outChannels : 1;
        if (q.Length != 2 * n)
        {
            throw new InvalidOperationException($"quantisation table has {q.Length} entries, expected {2 * n} (2 x {n})");
        }
        return (q[..n], q[n..]);
    }

    private static FeatureMapShape Shape4(KwsmTensor t)
    {
        if (t.Dims.Length != 4 || t.Dims[0] != 1)
        {
            throw new InvalidOperationException($"tensor {ShapeText(t)} is not a [1,H,W,C] feature map");
        }
        return new FeatureMapShape(t.Dims[1], t.Dims[2], t.Dims[3]);
    }

    private static string ShapeText(KwsmTensor t) => "[" + string.Join(",", t.Dims) + "]";

    private static string Describe(int index, KwsmOp op) =>
        $"op {index} ({op.OpCode}, source operator {op.SourceIndex})";

    /// <summary>
    /// Replays the memory plan byte by byte: every byte of the arena records which tensor wrote it last
    /// (an in-place RESHAPE output counts as its input); an op reading a tensor some of whose bytes were
    /// overwritten by another tensor in the meantime is a planner bug and is reported.
    /// </summary>
    private static void CheckLifetimes(KwsmModel model)
    {
        var owner = new int[model.ArenaBytes];
        Array.Fill(owner, -1);
        var root = Enumerable.Range(0, model.Tensors.Count).ToArray();
        KwsmTensor input = model.Input;
        owner.AsSpan(input.ArenaOffset, input.Size).Fill(model.InputTensor);
        for (int i = 0; i < model.Ops.Count; i++)
        {
            KwsmOp op = model.Ops[i];
            var inputs = op.OpCode == KwsmOpCode.Add ? new[] { op.Input0, op.Input1 } : new[] { op.Input0 };
            foreach (int t in inputs)
            {
                KwsmTensor tensor = model.Tensors[t];
                if (tensor.Virtual) continue; // never stored
                int r = root[t];
                for (int b = tensor.ArenaOffset; b < tensor.ArenaOffset + tensor.Size; b++)
                {
                    if (owner[b] != r)
                    {
                        throw new InvalidDataException(
                            $"{Describe(i, op)} reads tensor {t} but arena byte {b} was overwritten by {(owner[b] <= -2 ? $"the scratch of op {-2 - owner[b]}" : $"tensor {owner[b]}")} (memory plan overlaps live tensors)");
                    }
                }
            }
            KwsmTensor outT = model.Tensors[op.Output];
            if (op.ScratchSize > 0)
            {
                // the scratch clobbers whatever it covers: a tensor read later there is a planning error
                if (op.ScratchOffset < 0 || op.ScratchOffset + (long)op.ScratchSize > model.ArenaBytes)
                {
                    throw new InvalidDataException($"{Describe(i, op)}: scratch [{op.ScratchOffset}, {op.ScratchOffset + (long)op.ScratchSize}) lies outside the {model.ArenaBytes}-byte arena");
                }
                owner.AsSpan(op.ScratchOffset, op.ScratchSize).Fill(-2 - i);
            }
            if ((op.OpCode == KwsmOpCode.Reshape || (op.Flags & KwsmOpFlags.InPlace) != 0) &&
                outT.ArenaOffset == model.Tensors[op.Input0].ArenaOffset)
            {
                root[op.Output] = root[op.Input0];
            }
            if (outT.Virtual) continue;
            if (i > 0 && (model.Ops[i - 1].Flags & KwsmOpFlags.FusedNext) != 0)
            {
                // written while the fused conv still reads its input and its ring (the scratch)
                var conv = model.Ops[i - 1];
                var cin = model.Tensors[conv.Input0];
                bool Hits(long off, long size) => off < outT.ArenaOffset + (long)outT.Size && outT.ArenaOffset < off + size;
                if (Hits(cin.ArenaOffset, cin.Size) || (conv.ScratchSize > 0 && Hits(conv.ScratchOffset, conv.ScratchSize)))
                {
                    throw new InvalidDataException($"{Describe(i, op)} writes tensor {op.Output} over the input or the ring of the conv fused with it (memory plan overlaps live tensors)");
                }
            }
            owner.AsSpan(outT.ArenaOffset, outT.Size).Fill(root[op.Output]);
        }
    }

    /// <summary>
    /// Checks tensor placement and the op graph: every tensor inside the arena, every op's inputs written
    /// before it runs, and no op whose output overlaps an input it reads (only an in-place RESHAPE may
    /// share bytes), which would otherwise silently corrupt results.
    /// </summary>
    private static void Validate(KwsmModel model)
    {
        if (model.Ops.Count == 0)
        {
            throw new InvalidDataException("model has no ops");
        }
        if (model.ArenaBytes < 0)
        {
            throw new InvalidDataException($"arena size {model.ArenaBytes} is negative");
        }
        int tensorCount = model.Tensors.Count;
        if (model.InputTensor < 0 || model.InputTensor >= tensorCount || model.OutputTensor < 0 || model.OutputTensor >= tensorCount)
        {
            throw new InvalidDataException($"input/output tensor index {model.InputTensor}/{model.OutputTensor} outside the {tensorCount} tensors");
        }
        for (int t = 0; t < tensorCount; t++)
        {
            KwsmTensor tensor = model.Tensors[t];
            if (tensor.Dims.Length is < 1 or > 4 || tensor.Dims.Any(d => d < 1))
            {
                throw new InvalidDataException($"tensor {t} has invalid dims {ShapeText(tensor)}");
            }
            if (!tensor.Virtual && (tensor.ArenaOffset < 0 || (long)tensor.ArenaOffset + tensor.Size > model.ArenaBytes))
            {
                throw new InvalidDataException(
                    $"tensor {t} {ShapeText(tensor)} at arena offset {tensor.ArenaOffset} (+{tensor.Size}) lies outside the {model.ArenaBytes}-byte arena");
            }
        }
        var written = new bool[tensorCount];
        written[model.InputTensor] = true;
        for (int i = 0; i < model.Ops.Count; i++)
        {
            KwsmOp op = model.Ops[i];
            var inputs = op.OpCode == KwsmOpCode.Add ? new[] { op.Input0, op.Input1 } : new[] { op.Input0 };
            foreach (int t in inputs.Append(op.Output))
            {
                if (t < 0 || t >= tensorCount)
                {
                    throw new InvalidDataException($"{Describe(i, op)} references tensor {t}, the model has {tensorCount}");
                }
            }
            KwsmTensor outT = model.Tensors[op.Output];
            foreach (int t in inputs)
            {
                if (!written[t])
                {
                    throw new InvalidDataException($"{Describe(i, op)} reads tensor {t} before any op writes it");
                }
                KwsmTensor inT = model.Tensors[t];
                bool overlap = !inT.Virtual && !outT.Virtual && inT.ArenaOffset < outT.ArenaOffset + outT.Size && outT.ArenaOffset < inT.ArenaOffset + inT.Size;
                bool inPlace = (op.OpCode == KwsmOpCode.Reshape || (op.Flags & KwsmOpFlags.InPlace) != 0) && inT.ArenaOffset == outT.ArenaOffset;
                if (overlap && !inPlace)
                {
                    throw new InvalidDataException(
                        $"{Describe(i, op)}: output tensor {op.Output} (arena {outT.ArenaOffset}..{outT.ArenaOffset + outT.Size}) overlaps input tensor {t} (arena {inT.ArenaOffset}..{inT.ArenaOffset + inT.Size})");
                }
            }
            written[op.Output] = true;
        }
        CheckLifetimes(model);
        if (model.Ops[^1].Output != model.OutputTensor)
        {
            throw new InvalidDataException($"the last op writes tensor {model.Ops[^1].Output}, not the model output {model.OutputTensor}");
        }
    }
}
