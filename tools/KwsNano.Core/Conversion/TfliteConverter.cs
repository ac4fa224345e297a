using System.Buffers.Binary;
using KwsNano.Kwsm;
using KwsNano.Quantization;
using KwsNano.TFLite;

namespace KwsNano.Conversion;

/// <summary>
/// Converts an int8 TFLite model into a <see cref="KwsmModel"/> (docs/kwsm-format.md): checks the
/// supported subset (first unsupported item named precisely), strips float QUANTIZE/DEQUANTIZE edges,
/// precomputes requantisation, folds input offsets, plans the arena and attaches labels and front-end.
/// </summary>
public sealed class TfliteConverter
{
    private readonly TfliteModel _model;
    private readonly ConversionOptions _options;
    private readonly string _src;
    private readonly List<string> _warnings = new();
    private TfliteSubGraph _sg = null!;
    private readonly Dictionary<int, int> _map = new();
    private readonly List<KwsmTensor> _tensors = new();
    private readonly List<KwsmOp> _ops = new();

    private TfliteConverter(TfliteModel model, ConversionOptions options)
    {
        _model = model;
        _options = options;
        _src = model.SourceName;
    }

    /// <summary>Converts <paramref name="model"/>. Throws <see cref="UnsupportedModelException"/> or <see cref="ConversionException"/>.</summary>
    public static ConversionResult Convert(TfliteModel model, ConversionOptions? options = null)
    {
        var c = new TfliteConverter(model, options ?? new ConversionOptions());
        var m = c.Run();
        return new ConversionResult(m, c._warnings);
    }

    /// <summary>Reads and converts a .tflite file.</summary>
    public static ConversionResult ConvertFile(string path, ConversionOptions? options = null) => Convert(TfliteModel.Load(path), options);

    private static readonly HashSet<int> Supported = new()
    {
        TfliteBuiltinOperator.Conv2D, TfliteBuiltinOperator.DepthwiseConv2D, TfliteBuiltinOperator.FullyConnected,
        TfliteBuiltinOperator.AveragePool2D, TfliteBuiltinOperator.MaxPool2D, TfliteBuiltinOperator.Reshape,
        TfliteBuiltinOperator.Softmax, TfliteBuiltinOperator.Add,
    };

    private UnsupportedModelException Unsupported(string what, string? opName = null) => new($"{_src}: {what}", opName);

    private string OpText(TfliteOperator op) => $"operator {op.Index} ({op.Name})";

    private KwsmModel Run()
    {
        if (_model.SubGraphs.Count != 1)
        {
            throw Unsupported($"model has {_model.SubGraphs.Count} subgraphs; only single-subgraph models are supported");
        }
        _sg = _model.SubGraphs[0];
        var ops = _sg.Operators;
        if (ops.Count == 0)
        {
            throw Unsupported("subgraph 0 has no operators");
        }

        // Pass 1: the first operator outside the supported set, in graph order.
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            int code = op.BuiltinCode;
            bool ok = Supported.Contains(code)
                || (code == TfliteBuiltinOperator.Quantize && i == 0)
                || (code == TfliteBuiltinOperator.Dequantize && i == ops.Count - 1 && i > 0);
            if (!ok)
            {
                string extra = code switch
                {
                    TfliteBuiltinOperator.Quantize => " (QUANTIZE is accepted only as the first operator, float32 -> int8)",
                    TfliteBuiltinOperator.Dequantize => " (DEQUANTIZE is accepted only as the last operator, int8 -> float32)",
                    _ => "",
                };
                throw Unsupported($"{OpText(op)} is not supported{extra}", op.Name);
            }
        }
        if (_sg.Inputs.Length != 1 || _sg.Outputs.Length != 1)
        {
            throw Unsupported($"subgraph 0 has {_sg.Inputs.Length} inputs and {_sg.Outputs.Length} outputs; exactly one of each is supported");
        }

        var flags = KwsmModelFlags.None;
        int start = 0, end = ops.Count;
        int modelIn = _sg.Inputs[0], modelOut = _sg.Outputs[0];
        if (ops[0].BuiltinCode == TfliteBuiltinOperator.Quantize)
        {
            var q = ops[0];
            RequireArity(q, 1, 1);
            var qin = _sg.Tensors[q.Inputs[0]];
            if (qin.Type != TfliteTensorType.Float32 || q.Inputs[0] != modelIn)
            {
                throw Unsupported($"{OpText(q)} quantises tensor {qin.Index} ('{qin.Name}') of type {TypeName(qin.Type)}; only QUANTIZE of the float32 model input is supported", q.Name);
            }
            modelIn = q.Outputs[0];
            flags |= KwsmModelFlags.InputFromFloat;
            start = 1;
        }
        if (end - 1 > start && ops[end - 1].BuiltinCode == TfliteBuiltinOperator.Dequantize)
        {
            var d = ops[end - 1];
            RequireArity(d, 1, 1);
            var dout = _sg.Tensors[d.Outputs[0]];
            if (dout.Type != TfliteTensorType.Float32 || d.Outputs[0] != modelOut)
            {
                throw Unsupported($"{OpText(d)} produces a tensor of type {TypeName(dout.Type)}; only DEQUANTIZE to the float32 model output is supported", d.Name);
            }
            modelOut = d.Inputs[0];
            flags |= KwsmModelFlags.OutputToFloat;
            end--;
        }
        if (start >= end)
        {
            throw Unsupported("the model has no compute operators");
        }

        MapActivation(modelIn, null);
        for (int i = start; i < end; i++)
        {
            _ops.Add(ConvertOp(ops[i]));
        }
        if (!_map.TryGetValue(modelOut, out int outIndex))
        {
            throw Unsupported($"the model output tensor {modelOut} is not written by any operator");
        }
        if (_ops[^1].Output != outIndex)
        {
            throw Unsupported($"the last operator does not write the model output tensor {modelOut}");
        }
        if (_ops[^1].OpCode == KwsmOpCode.Softmax)
        {
            flags |= KwsmModelFlags.OutputIsSoftmax;
        }

        if (_tensors.Count > KwsmLayout.MaxTensors || _ops.Count > KwsmLayout.MaxOps)
        {
            throw Unsupported($"the model has {_tensors.Count} activation tensors and {_ops.Count} operators; the .kwsm format allows at most {KwsmLayout.MaxTensors} of each");
        }
        FusionPlanner.Plan(_tensors, _ops, 0, outIndex, _options.InPlace);
        InPlacePlanner.Plan(_tensors, _ops, 0, _options.InPlace);
        int arena = MemoryPlanner.Plan(_tensors, _ops, 0, outIndex);
        var input = _tensors[0];
        var output = _tensors[outIndex];
        string preset = _options.FrontendPreset ?? FrontendPresets.DefaultFor(input.Size);
        var frontend = FrontendPresets.Create(preset, input.Dims, input.Scale, input.ZeroPoint, _src);
        // Before anything is written: the descriptor must pass the rules the device applies (KwsmFrontendRules).
        if (KwsmFrontendRules.Check(frontend) is { } violation)
        {
            throw new ConversionException($"{_src}: front-end preset '{preset}' gives a descriptor the device refuses: {violation.Problem}");
        }
        var labels = MakeLabels(output.Channels);
        return new KwsmModel
        {
            Flags = flags,
            ArenaBytes = arena,
            Labels = labels,
            Frontend = frontend,
            FrontendTables = BuildFrontendTables(frontend),
            Tensors = _tensors,
            Ops = _ops,
            InputTensor = 0,
            OutputTensor = outIndex,
        };
    }

    // The front-end tables section (format 1.2), from the host library's builder: the code a device without the
    // section runs, so the stored tables are the ones this host's native front-end computes with.
    private byte[]? BuildFrontendTables(KwsmFrontend frontend)
    {
        if (!_options.FrontendTables || !KwsmFrontendRules.IsComputed(frontend.Kind))
        {
            return null;
        }
        if (!Native.NativeFrontendTables.IsAvailable)
        {
            _warnings.Add($"{_src}: front-end tables not stored in the blob: the native library (libkwsnano) is not available, so the device builds them in RAM at start");
            return null;
        }
        try
        {
            return Native.NativeFrontendTables.Build(frontend);
        }
        catch (Native.KwsNativeException e)
        {
            throw new ConversionException($"{_src}: front-end preset '{frontend.Preset}' gives tables the device cannot build: {e.Message}");
        }
    }

    private IReadOnlyList<string> MakeLabels(int classes)
    {
        if (_options.Labels is null)
        {
            _warnings.Add($"{_src}: no labels given; using class0..class{classes - 1}");
            return Enumerable.Range(0, classes).Select(i => $"class{i}").ToList();
        }
        var labels = _options.Labels;
        if (labels.Count != classes)
        {
            throw new ConversionException($"{_src}: {labels.Count} labels given but the model has {classes} output classes");
        }
        for (int i = 0; i < labels.Count; i++)
        {
            int bytes = System.Text.Encoding.UTF8.GetByteCount(labels[i]);
            if (bytes < 1 || bytes > 63)
            {
                throw new ConversionException($"{_src}: label {i} ('{labels[i]}') must be 1..63 UTF-8 bytes, it is {bytes}");
            }
        }
        return labels.ToList();
    }

    private static string TypeName(TfliteTensorType t) => Enum.IsDefined(t) ? t.ToString().ToUpperInvariant() : $"type {(int)t}";

    private void RequireArity(TfliteOperator op, int minInputs, int outputs)
    {
        if (op.Inputs.Length < minInputs || op.Outputs.Length != outputs)
        {
            throw Unsupported($"{OpText(op)} has {op.Inputs.Length} inputs and {op.Outputs.Length} outputs; expected at least {minInputs} inputs and {outputs} output(s)", op.Name);
        }
        for (int i = 0; i < minInputs; i++)
        {
            if (op.Inputs[i] < 0)
            {
                throw Unsupported($"{OpText(op)} input {i} is omitted", op.Name);
            }
        }
    }

    /// <summary>Adds the activation tensor <paramref name="t"/> to the packed tensor table (int8 checks).</summary>
    private int MapActivation(int t, TfliteOperator? writer)
    {
        if (_map.TryGetValue(t, out int existing))
        {
            if (writer != null)
            {
                throw Unsupported($"{OpText(writer)} writes tensor {t} which was already written", writer.Name);
            }
            return existing;
        }
        var tensor = _sg.Tensors[t];
        string what = $"tensor {t} ('{tensor.Name}')" + (writer != null ? $" written by {OpText(writer)}" : " (model input)");
        if (tensor.Type != TfliteTensorType.Int8)
        {
            throw Unsupported($"{what} has type {TypeName(tensor.Type)}; only int8 activations are supported", writer?.Name);
        }
        if (_model.ConstantData(tensor) != null)
        {
            throw Unsupported($"{what} is a constant; an activation was expected", writer?.Name);
        }
        if (tensor.Shape.Length < 1 || tensor.Shape.Length > 4)
        {
            throw Unsupported($"{what} has rank {tensor.Shape.Length}; ranks 1..4 are supported", writer?.Name);
        }
        if (tensor.Shape.Any(d => d < 1 || d > 65535))
        {
            throw Unsupported($"{what} has shape {tensor.ShapeText}; every dimension must be 1..65535", writer?.Name);
        }
        if (tensor.ElementCount > int.MaxValue / 2)
        {
            throw Unsupported($"{what} has {tensor.ElementCount} elements, too many", writer?.Name);
        }
        var q = tensor.Quantization;
        if (q.Scale.Length != 1 || q.ZeroPoint.Length > 1)
        {
            throw Unsupported($"{what} must be quantised per tensor (it has {q.Scale.Length} scales)", writer?.Name);
        }
        float scale = q.Scale[0];
        long zp = q.ZeroPoint.Length == 1 ? q.ZeroPoint[0] : 0;
        if (!(scale > 0) || !float.IsFinite(scale) || zp < -128 || zp > 127)
        {
            throw Unsupported($"{what} has invalid quantisation (scale {scale}, zero point {zp})", writer?.Name);
        }
        _tensors.Add(new KwsmTensor { Dims = tensor.Shape.ToArray(), Scale = scale, ZeroPoint = (int)zp, Name = tensor.Name });
        _map[t] = _tensors.Count - 1;
        return _tensors.Count - 1;
    }

    private int ReadActivation(TfliteOperator op, int slot)
    {
        int t = op.Inputs[slot];
        if (_map.TryGetValue(t, out int k))
        {
            return k;
        }
        var tensor = _sg.Tensors[t];
        if (_model.ConstantData(tensor) != null)
        {
            throw Unsupported($"{OpText(op)} input {slot} is constant tensor {t} ('{tensor.Name}'); a constant operand is not supported here", op.Name);
        }
        throw Unsupported($"{OpText(op)} reads tensor {t} ('{tensor.Name}') before any operator writes it", op.Name);
    }

    private KwsmOp ConvertOp(TfliteOperator op)
    {
        var o = TfliteOptions.Of(op, _src);
        return op.BuiltinCode switch
        {
            TfliteBuiltinOperator.Conv2D => Conv(op, o, depthwise: false),
            TfliteBuiltinOperator.DepthwiseConv2D => Conv(op, o, depthwise: true),
            TfliteBuiltinOperator.FullyConnected => FullyConnected(op, o),
            TfliteBuiltinOperator.AveragePool2D => Pool(op, o, KwsmOpCode.AveragePool2D),
            TfliteBuiltinOperator.MaxPool2D => Pool(op, o, KwsmOpCode.MaxPool2D),
            TfliteBuiltinOperator.Reshape => Reshape(op),
            TfliteBuiltinOperator.Softmax => Softmax(op, o),
            TfliteBuiltinOperator.Add => Add(op, o),
            _ => throw Unsupported($"{OpText(op)} is not supported", op.Name),
        };
    }

    private byte Activation(TfliteOperator op, int fused) => fused switch
    {
        0 => 0,
        1 => 1,
        3 => 2,
        _ => throw Unsupported($"{OpText(op)} has fused activation {FusedName(fused)}; only NONE, RELU and RELU6 are supported", op.Name),
    };

    private static string FusedName(int f) => f switch
    {
        2 => "RELU_N1_TO_1",
        4 => "TANH",
        5 => "SIGN_BIT",
        _ => f.ToString(),
    };

    private (byte Padding, int Out, int PadBefore) Window(TfliteOperator op, int padding, int input, int filter, int stride, string axis)
    {
        if (stride < 1)
        {
            throw Unsupported($"{OpText(op)} has stride_{axis} {stride}; must be >= 1", op.Name);
        }
        if (filter < 1)
        {
            throw Unsupported($"{OpText(op)} has filter {axis} {filter}; must be >= 1", op.Name);
        }
        switch (padding)
        {
            case 0:
            {
                int outSize = (input + stride - 1) / stride;
                int total = Math.Max((outSize - 1) * stride + filter - input, 0);
                return (0, outSize, total / 2);
            }
            case 1:
            {
                int outSize = (input - filter + stride) / stride;
                if (input < filter || outSize < 1)
                {
                    throw Unsupported($"{OpText(op)}: VALID window {filter} larger than input {axis} {input}", op.Name);
                }
                return (1, outSize, 0);
            }
            default:
                throw Unsupported($"{OpText(op)} has unknown padding {padding}", op.Name);
        }
    }

    private TfliteTensor ConstTensor(TfliteOperator op, int slot, TfliteTensorType type, string role, out byte[] data)
    {
        int t = op.Inputs[slot];
        var tensor = _sg.Tensors[t];
        var d = _model.ConstantData(tensor);
        if (d == null)
        {
            throw Unsupported($"{OpText(op)} {role} (tensor {t} '{tensor.Name}') is not a constant; only constant {role}s are supported", op.Name);
        }
        if (tensor.Type != type)
        {
            throw Unsupported($"{OpText(op)} {role} (tensor {t} '{tensor.Name}') has type {TypeName(tensor.Type)}; {TypeName(type)} is required", op.Name);
        }
        if (tensor.HasSparsity)
        {
            throw Unsupported($"{OpText(op)} {role} (tensor {t} '{tensor.Name}') is sparse; sparse tensors are not supported", op.Name);
        }
        int elemSize = type == TfliteTensorType.Int32 ? 4 : 1;
        if (tensor.Shape.Any(x => x > d.Length) || d.Length != tensor.ElementCount * elemSize)
        {
            throw new TfliteFormatException($"{_src}: {role} tensor {t} ('{tensor.Name}') of {OpText(op)} has {d.Length} data bytes, shape {tensor.ShapeText} needs {tensor.ElementCount * elemSize}");
        }
        data = d;
        return tensor;
    }

    /// <summary>Weight scales (one per output channel or one), checked: zero points 0, scales positive.</summary>
    private float[] WeightScales(TfliteOperator op, TfliteTensor w, int cout, int channelDim)
    {
        var q = w.Quantization;
        if (q.Scale.Length != 1 && q.Scale.Length != cout)
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) have {q.Scale.Length} scales; expected 1 or {cout}", op.Name);
        }
        if (q.Scale.Length > 1 && q.QuantizedDimension != channelDim)
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) are quantised along dimension {q.QuantizedDimension}; expected {channelDim}", op.Name);
        }
        if (q.ZeroPoint.Any(z => z != 0))
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) have a non-zero zero point; symmetric int8 weights are required", op.Name);
        }
        if (q.Scale.Any(s => !(s > 0) || !float.IsFinite(s)))
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) have an invalid scale", op.Name);
        }
        return q.Scale;
    }

    private int[] Bias(TfliteOperator op, int cout)
    {
        if (op.Inputs.Length < 3 || op.Inputs[2] < 0)
        {
            return new int[cout];
        }
        var b = ConstTensor(op, 2, TfliteTensorType.Int32, "bias", out var data);
        if (b.ElementCount != cout)
        {
            throw Unsupported($"{OpText(op)} bias (tensor {b.Index}) has {b.ElementCount} elements; expected {cout}", op.Name);
        }
        var r = new int[cout];
        for (int i = 0; i < cout; i++) r[i] = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4 * i));
        return r;
    }

    private int[] QuantTable(float inScale, float[] wScales, float outScale, int cout, out bool perChannel)
    {
        perChannel = wScales.Length > 1;
        int n = perChannel ? cout : 1;
        var table = new int[2 * n];
        for (int c = 0; c < n; c++)
        {
            var (m, s) = QuantParams.ConvMultiplier(inScale, wScales[c], outScale);
            table[c] = m;
            table[n + c] = s;
        }
        return table;
    }

    private void CheckOutputShape(TfliteOperator op, KwsmTensor output, int[] expected)
    {
        if (!output.Dims.SequenceEqual(expected))
        {
            throw Unsupported($"{OpText(op)} output shape [{string.Join(",", output.Dims)}] differs from the computed [{string.Join(",", expected)}]", op.Name);
        }
    }

    private KwsmTensor Rank4Input(TfliteOperator op, int index)
    {
        var t = _tensors[index];
        if (t.Dims.Length != 4 || t.Dims[0] != 1)
        {
            throw Unsupported($"{OpText(op)} input has shape [{string.Join(",", t.Dims)}]; [1,H,W,C] is required", op.Name);
        }
        return t;
    }

    private KwsmOp Conv(TfliteOperator op, TfliteOptions o, bool depthwise)
    {
        RequireArity(op, 2, 1);
        int inIdx = ReadActivation(op, 0);
        var input = Rank4Input(op, inIdx);
        var w = ConstTensor(op, 1, TfliteTensorType.Int8, "weights", out var wData);
        if (w.Shape.Length != 4)
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) have shape {w.ShapeText}; rank 4 is required", op.Name);
        }
        if (o.DilationH != 1 || o.DilationW != 1)
        {
            throw Unsupported($"{OpText(op)} has dilation {o.DilationH}x{o.DilationW}; only dilation 1 is supported", op.Name);
        }
        int h = input.Dims[1], wd = input.Dims[2], cin = input.Dims[3];
        int cout, fh, fw, dm = 0;
        if (depthwise)
        {
            (fh, fw, cout) = (w.Shape[1], w.Shape[2], w.Shape[3]);
            if (w.Shape[0] != 1 || cout % cin != 0)
            {
                throw Unsupported($"{OpText(op)} weights {w.ShapeText} do not match input channels {cin}", op.Name);
            }
            dm = cout / cin;
        }
        else
        {
            (cout, fh, fw) = (w.Shape[0], w.Shape[1], w.Shape[2]);
            if (w.Shape[3] != cin)
            {
                throw Unsupported($"{OpText(op)} weights {w.ShapeText} do not match input channels {cin} (grouped convolution is not supported)", op.Name);
            }
        }
        byte act = Activation(op, o.FusedActivation);
        var (pad, oh, padTop) = Window(op, o.Padding, h, fh, o.StrideH, "h");
        var (_, ow, padLeft) = Window(op, o.Padding, wd, fw, o.StrideW, "w");
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        CheckOutputShape(op, output, new[] { 1, oh, ow, cout });

        var scales = WeightScales(op, w, cout, depthwise ? 3 : 0);
        var bias = Bias(op, cout);
        var quant = QuantTable(input.Scale, scales, output.Scale, cout, out bool perChannel);
        var weights = new sbyte[wData.Length];
        Buffer.BlockCopy(wData, 0, weights, 0, wData.Length);

        bool noPadSeen = (padTop == 0 && padLeft == 0 && (oh - 1) * o.StrideH + fh <= h && (ow - 1) * o.StrideW + fw <= wd)
            || (fh == 1 && fw == 1);
        var flags = perChannel ? KwsmOpFlags.PerChannel : KwsmOpFlags.None;
        if (noPadSeen && TryFold(bias, weights, cout, -input.ZeroPoint, depthwise ? (i => i % cout) : (i => i / (fh * fw * cin))))
        {
            flags |= KwsmOpFlags.OffsetFolded;
        }
        var (amin, amax) = ActivationRange.Int8(act, output.Scale, output.ZeroPoint);
        return new KwsmOp
        {
            OpCode = depthwise ? KwsmOpCode.DepthwiseConv2D : KwsmOpCode.Conv2D,
            Activation = act,
            Padding = pad,
            Input0 = inIdx,
            Output = outIdx,
            SourceIndex = op.Index,
            StrideH = o.StrideH,
            StrideW = o.StrideW,
            FilterH = fh,
            FilterW = fw,
            PadTop = padTop,
            PadLeft = padLeft,
            DepthMultiplier = dm,
            Flags = flags,
            ActMin = amin,
            ActMax = amax,
            Weights = weights,
            Bias = bias,
            Quant = quant,
            P = new[] { -input.ZeroPoint, output.ZeroPoint, 0, 0, 0, 0, 0 },
        };
    }

    /// <summary>Adds input_offset * sum(weights of channel) to each bias in place when every result fits int32.</summary>
    private static bool TryFold(int[] bias, sbyte[] weights, int cout, int inputOffset, Func<int, int> channelOf)
    {
        var sums = new long[cout];
        for (int i = 0; i < weights.Length; i++) sums[channelOf(i)] += weights[i];
        var folded = new long[cout];
        for (int c = 0; c < cout; c++)
        {
            folded[c] = bias[c] + inputOffset * sums[c];
            if (folded[c] < int.MinValue || folded[c] > int.MaxValue)
            {
                return false;
            }
        }
        for (int c = 0; c < cout; c++) bias[c] = (int)folded[c];
        return true;
    }

    private KwsmOp FullyConnected(TfliteOperator op, TfliteOptions o)
    {
        RequireArity(op, 2, 1);
        int inIdx = ReadActivation(op, 0);
        var input = _tensors[inIdx];
        var w = ConstTensor(op, 1, TfliteTensorType.Int8, "weights", out var wData);
        if (w.Shape.Length != 2)
        {
            throw Unsupported($"{OpText(op)} weights (tensor {w.Index}) have shape {w.ShapeText}; [Cout, K] is required", op.Name);
        }
        if (o.WeightsFormat != 0)
        {
            throw Unsupported($"{OpText(op)} uses weights_format {o.WeightsFormat}; only DEFAULT is supported", op.Name);
        }
        int cout = w.Shape[0], k = w.Shape[1];
        if (input.Size % k != 0)
        {
            throw Unsupported($"{OpText(op)} input [{string.Join(",", input.Dims)}] is not a multiple of K = {k}", op.Name);
        }
        int rows = input.Size / k;
        byte act = Activation(op, o.FusedActivation);
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        if (output.Size != rows * cout || output.Channels != cout)
        {
            throw Unsupported($"{OpText(op)} output shape [{string.Join(",", output.Dims)}] differs from the computed [{rows},{cout}]", op.Name);
        }
        var scales = WeightScales(op, w, cout, 0);
        var bias = Bias(op, cout);
        var quant = QuantTable(input.Scale, scales, output.Scale, cout, out bool perChannel);
        var weights = new sbyte[wData.Length];
        Buffer.BlockCopy(wData, 0, weights, 0, wData.Length);
        var flags = perChannel ? KwsmOpFlags.PerChannel : KwsmOpFlags.None;
        if (TryFold(bias, weights, cout, -input.ZeroPoint, i => i / k))
        {
            flags |= KwsmOpFlags.OffsetFolded;
        }
        var (amin, amax) = ActivationRange.Int8(act, output.Scale, output.ZeroPoint);
        return new KwsmOp
        {
            OpCode = KwsmOpCode.FullyConnected,
            Activation = act,
            Input0 = inIdx,
            Output = outIdx,
            SourceIndex = op.Index,
            Flags = flags,
            ActMin = amin,
            ActMax = amax,
            Weights = weights,
            Bias = bias,
            Quant = quant,
            P = new[] { -input.ZeroPoint, output.ZeroPoint, 0, 0, 0, 0, 0 },
        };
    }

    private void RequireSameQuant(TfliteOperator op, KwsmTensor a, KwsmTensor b)
    {
        if (a.Scale != b.Scale || a.ZeroPoint != b.ZeroPoint)
        {
            throw Unsupported($"{OpText(op)} changes the quantisation (input {a.Scale}/{a.ZeroPoint}, output {b.Scale}/{b.ZeroPoint}); the same scale and zero point are required", op.Name);
        }
    }

    private KwsmOp Pool(TfliteOperator op, TfliteOptions o, KwsmOpCode code)
    {
        RequireArity(op, 1, 1);
        int inIdx = ReadActivation(op, 0);
        var input = Rank4Input(op, inIdx);
        byte act = Activation(op, o.FusedActivation);
        var (pad, oh, padTop) = Window(op, o.Padding, input.Dims[1], o.FilterHeight, o.StrideH, "h");
        var (_, ow, padLeft) = Window(op, o.Padding, input.Dims[2], o.FilterWidth, o.StrideW, "w");
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        CheckOutputShape(op, output, new[] { 1, oh, ow, input.Dims[3] });
        RequireSameQuant(op, input, output);
        var (amin, amax) = ActivationRange.Int8(act, output.Scale, output.ZeroPoint);
        return new KwsmOp
        {
            OpCode = code,
            Activation = act,
            Padding = pad,
            Input0 = inIdx,
            Output = outIdx,
            SourceIndex = op.Index,
            StrideH = o.StrideH,
            StrideW = o.StrideW,
            FilterH = o.FilterHeight,
            FilterW = o.FilterWidth,
            PadTop = padTop,
            PadLeft = padLeft,
            ActMin = amin,
            ActMax = amax,
        };
    }

    private KwsmOp Reshape(TfliteOperator op)
    {
        RequireArity(op, 1, 1);
        int inIdx = ReadActivation(op, 0);
        var input = _tensors[inIdx];
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        if (input.Size != output.Size)
        {
            throw Unsupported($"{OpText(op)} changes the element count ({input.Size} -> {output.Size})", op.Name);
        }
        RequireSameQuant(op, input, output);
        return new KwsmOp
        {
            OpCode = KwsmOpCode.Reshape,
            Input0 = inIdx,
            Output = outIdx,
            SourceIndex = op.Index,
            Flags = KwsmOpFlags.InPlace,
        };
    }

    private KwsmOp Softmax(TfliteOperator op, TfliteOptions o)
    {
        RequireArity(op, 1, 1);
        int inIdx = ReadActivation(op, 0);
        var input = _tensors[inIdx];
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        if (!input.Dims.SequenceEqual(output.Dims))
        {
            throw Unsupported($"{OpText(op)} output shape differs from its input", op.Name);
        }
        if (Math.Abs(output.Scale - 1f / 256) > 0.001f / 256 || output.ZeroPoint != -128)
        {
            throw Unsupported($"{OpText(op)} output quantisation {output.Scale}/{output.ZeroPoint}; int8 softmax requires 1/256 and -128", op.Name);
        }
        int mult, shift;
        try
        {
            (mult, shift) = QuantParams.PreprocessSoftmaxScaling(o.Beta, input.Scale, 5);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Unsupported($"{OpText(op)} input scale {input.Scale} with beta {o.Beta} cannot be represented by the int8 softmax", op.Name);
        }
        int diffMin = -QuantParams.CalculateInputRadius(5, shift);
        return new KwsmOp
        {
            OpCode = KwsmOpCode.Softmax,
            Input0 = inIdx,
            Output = outIdx,
            SourceIndex = op.Index,
            P = new[] { mult, shift, diffMin, 0, 0, 0, 0 },
        };
    }

    private KwsmOp Add(TfliteOperator op, TfliteOptions o)
    {
        RequireArity(op, 2, 1);
        int in0 = ReadActivation(op, 0);
        int in1 = ReadActivation(op, 1);
        var a = _tensors[in0];
        var b = _tensors[in1];
        byte act = Activation(op, o.FusedActivation);
        int outIdx = MapActivation(op.Outputs[0], op);
        var output = _tensors[outIdx];
        if (!a.Dims.SequenceEqual(b.Dims) || !a.Dims.SequenceEqual(output.Dims))
        {
            throw Unsupported($"{OpText(op)} needs broadcasting ([{string.Join(",", a.Dims)}] + [{string.Join(",", b.Dims)}] -> [{string.Join(",", output.Dims)}]); only same-shape ADD is supported", op.Name);
        }
        int[] quant;
        int leftShift;
        try
        {
            quant = QuantParams.AddParams(a.Scale, b.Scale, output.Scale, out leftShift);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Unsupported($"{OpText(op)} scales (inputs {a.Scale}, {b.Scale}, output {output.Scale}) cannot be represented by the int8 ADD", op.Name);
        }
        var (amin, amax) = ActivationRange.Int8(act, output.Scale, output.ZeroPoint);
        return new KwsmOp
        {
            OpCode = KwsmOpCode.Add,
            Activation = act,
            Input0 = in0,
            Input1 = in1,
            Output = outIdx,
            SourceIndex = op.Index,
            ActMin = amin,
            ActMax = amax,
            Quant = quant,
            P = new[] { -a.ZeroPoint, -b.ZeroPoint, output.ZeroPoint, leftShift, 0, 0, 0 },
        };
    }
}
