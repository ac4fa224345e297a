using System.Text;

namespace KwsNano.TFLite;

/// <summary>
/// Parses a .tflite flatbuffer (schema.fbs field order) with every read bounds-checked. Any fault gives a
/// <see cref="TfliteFormatException"/> naming the file and what is wrong.
/// </summary>
public static class TfliteModelReader
{
    /// <summary>Parses <paramref name="data"/>; <paramref name="sourceName"/> names the file in messages.</summary>
    public static TfliteModel Read(byte[] data, string sourceName)
    {
        var buf = new FlatBuffer(data, sourceName);
        if (data.Length < 8)
        {
            throw buf.Error($"file is {data.Length} bytes, too short to be a TFLite model");
        }
        string ident = Encoding.ASCII.GetString(data, 4, 4);
        if (ident != "TFL3")
        {
            throw buf.Error($"not a TFLite model (file identifier '{Printable(ident)}' at offset 4, expected 'TFL3')");
        }
        try
        {
            return Parse(buf);
        }
        catch (TfliteFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or DecoderFallbackException or OutOfMemoryException)
        {
            throw buf.Error("corrupted flatbuffer (" + e.Message + ")");
        }
    }

    private static string Printable(string s) => new(s.Select(c => c >= 32 && c < 127 ? c : '?').ToArray());

    private static TfliteModel Parse(FlatBuffer buf)
    {
        var root = buf.Root("model root table");
        uint version = root.U32(0);
        var codeTables = root.TableVector(1, "operator code");
        var codes = new (int Builtin, string? Custom, int Version)[codeTables.Length];
        for (int i = 0; i < codeTables.Length; i++)
        {
            var t = codeTables[i];
            int deprecated = t.I8(0);
            int builtin = t.I32(3);
            codes[i] = (Math.Max(deprecated, builtin), t.String(1, $"operator code {i} custom_code"), t.I32(2, 1));
        }

        var bufferTables = root.TableVector(4, "buffer");
        var buffers = new byte[bufferTables.Length][];
        for (int i = 0; i < bufferTables.Length; i++)
        {
            var t = bufferTables[i];
            var (start, count) = t.ByteVector(0, $"buffer {i} data");
            if (start >= 0)
            {
                buffers[i] = buf.Slice(start, count, $"buffer {i} data").ToArray();
                continue;
            }
            long offset = t.I64(1);
            long size = t.I64(2);
            if (offset > 1)
            {
                if (size < 0 || offset + size > buf.Length || offset + size < offset)
                {
                    throw buf.Error($"buffer {i}: external data at offset {offset} size {size} is outside the file");
                }
                buffers[i] = buf.Slice(offset, size, $"buffer {i} external data").ToArray();
            }
            else
            {
                buffers[i] = Array.Empty<byte>();
            }
        }

        var subgraphTables = root.TableVector(2, "subgraph");
        var subgraphs = new List<TfliteSubGraph>();
        for (int s = 0; s < subgraphTables.Length; s++)
        {
            subgraphs.Add(ParseSubGraph(buf, subgraphTables[s], s, codes, buffers.Length));
        }
        if (subgraphs.Count == 0)
        {
            throw buf.Error("model has no subgraphs");
        }
        return new TfliteModel
        {
            SourceName = buf.SourceName,
            Version = version,
            Description = root.String(3, "model description") ?? "",
            SubGraphs = subgraphs,
            Buffers = buffers,
        };
    }

    private static TfliteSubGraph ParseSubGraph(FlatBuffer buf, FlatTable sg, int s, (int Builtin, string? Custom, int Version)[] codes, int bufferCount)
    {
        string where = $"subgraph {s}";
        var tensorTables = sg.TableVector(0, where + " tensor");
        var tensors = new List<TfliteTensor>(tensorTables.Length);
        for (int i = 0; i < tensorTables.Length; i++)
        {
            var t = tensorTables[i];
            string tw = $"{where} tensor {i}";
            int[] shape = t.I32Vector(0, tw + " shape");
            foreach (int d in shape)
            {
                if (d < 0)
                {
                    throw buf.Error($"{tw}: negative dimension {d} in shape [{string.Join(",", shape)}]");
                }
            }
            sbyte type = t.I8(1);
            uint bufferIndex = t.U32(2);
            if (bufferIndex >= bufferCount && !(bufferIndex == 0 && bufferCount == 0))
            {
                throw buf.Error($"{tw}: buffer index {bufferIndex} out of range (model has {bufferCount} buffers)");
            }
            var q = t.Table(4, tw + " quantization");
            var quant = TfliteQuantization.None;
            if (q is { } qt)
            {
                quant = new TfliteQuantization
                {
                    Min = qt.F32Vector(0, tw + " quantization min"),
                    Max = qt.F32Vector(1, tw + " quantization max"),
                    Scale = qt.F32Vector(2, tw + " quantization scale"),
                    ZeroPoint = qt.I64Vector(3, tw + " quantization zero_point"),
                    DetailsType = qt.U8(4),
                    QuantizedDimension = qt.I32(6),
                };
            }
            tensors.Add(new TfliteTensor
            {
                Index = i,
                Shape = shape,
                Type = (TfliteTensorType)type,
                Buffer = (int)bufferIndex,
                Name = t.String(3, tw + " name") ?? "",
                Quantization = quant,
                IsVariable = t.Bool(5),
                HasSparsity = t.Has(6),
                ShapeSignature = t.I32Vector(7, tw + " shape_signature"),
            });
        }

        int[] inputs = CheckIndices(buf, sg.I32Vector(1, where + " inputs"), tensors.Count, where + " inputs", allowOmitted: false);
        int[] outputs = CheckIndices(buf, sg.I32Vector(2, where + " outputs"), tensors.Count, where + " outputs", allowOmitted: false);

        var opTables = sg.TableVector(3, where + " operator");
        var ops = new List<TfliteOperator>(opTables.Length);
        for (int i = 0; i < opTables.Length; i++)
        {
            var o = opTables[i];
            string ow = $"{where} operator {i}";
            uint opcodeIndex = o.U32(0);
            if (opcodeIndex >= codes.Length)
            {
                throw buf.Error($"{ow}: opcode_index {opcodeIndex} out of range (model has {codes.Length} operator codes)");
            }
            var code = codes[opcodeIndex];
            byte optionsType = o.U8(3);
            ops.Add(new TfliteOperator
            {
                Index = i,
                OpcodeIndex = (int)opcodeIndex,
                BuiltinCode = code.Builtin,
                CustomCode = code.Custom,
                Version = code.Version,
                Inputs = CheckIndices(buf, o.I32Vector(1, ow + " inputs"), tensors.Count, ow + " inputs", allowOmitted: true),
                Outputs = CheckIndices(buf, o.I32Vector(2, ow + " outputs"), tensors.Count, ow + " outputs", allowOmitted: false),
                OptionsType = optionsType,
                Options = optionsType != 0 ? o.Table(4, ow + " builtin_options") : null,
            });
        }
        return new TfliteSubGraph
        {
            Tensors = tensors,
            Inputs = inputs,
            Outputs = outputs,
            Operators = ops,
            Name = sg.String(4, where + " name") ?? "",
        };
    }

    private static int[] CheckIndices(FlatBuffer buf, int[] idx, int count, string what, bool allowOmitted)
    {
        foreach (int i in idx)
        {
            if (i >= count || i < (allowOmitted ? -1 : 0))
            {
                throw buf.Error($"{what}: tensor index {i} out of range (subgraph has {count} tensors)");
            }
        }
        return idx;
    }
}
