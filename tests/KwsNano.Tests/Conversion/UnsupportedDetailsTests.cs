using System.Buffers.Binary;
using KwsNano.Conversion;
using KwsNano.TFLite;

namespace KwsNano.Tests.Converter;

/// <summary>Patches single fields of ds_cnn_s.tflite (located with the flatbuffer reader) and checks the refusal names the item.</summary>
public class UnsupportedDetailsTests
{
    private static (byte[] Bytes, FlatTable Root, FlatTable SubGraph) Open()
    {
        byte[] bytes = File.ReadAllBytes(TestData.ModelPath("ds_cnn_s.tflite"));
        var root = new FlatBuffer(bytes, "ds.tflite").Root("root");
        return (bytes, root, root.TableVector(2, "subgraph")[0]);
    }

    private static UnsupportedModelException Refuse(byte[] bytes) =>
        Assert.Throws<UnsupportedModelException>(() => TfliteConverter.Convert(TfliteModelReader.Read(bytes, "ds.tflite")));

    [Fact]
    public void Int16InputIsNamed()
    {
        var (bytes, _, sg) = Open();
        long pos = sg.TableVector(0, "tensor")[0].FieldPos(1, 1);
        bytes[pos] = (byte)TfliteTensorType.Int16;
        var e = Refuse(bytes);
        Assert.Matches(@"^ds\.tflite: tensor 0 \('.*'\) \(model input\) has type INT16; only int8 activations are supported$", e.Message);
    }

    [Fact]
    public void TanhActivationIsNamed()
    {
        var (bytes, _, sg) = Open();
        var options = sg.TableVector(3, "op")[1].Table(4, "options")!.Value;
        bytes[options.FieldPos(3, 1)] = 4;
        Assert.Equal("ds.tflite: operator 1 (CONV_2D) has fused activation TANH; only NONE, RELU and RELU6 are supported", Refuse(bytes).Message);
    }

    [Fact]
    public void InconsistentOutputShapeIsNamed()
    {
        var (bytes, _, sg) = Open();
        var options = sg.TableVector(3, "op")[1].Table(4, "options")!.Value;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)options.FieldPos(2, 4)), 3); // stride_h 2 -> 3
        Assert.Equal("ds.tflite: operator 1 (CONV_2D) output shape [1,25,5,64] differs from the computed [1,17,5,64]", Refuse(bytes).Message);
    }

    [Fact]
    public void MisplacedDequantizeIsNamed()
    {
        var (bytes, root, sg) = Open();
        var ops = sg.TableVector(3, "op");
        uint softmaxCode = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)ops[^1].FieldPos(0, 4)));
        var code = root.TableVector(1, "code")[softmaxCode];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)code.FieldPos(3, 4)), TfliteBuiltinOperator.Dequantize);
        bytes[code.FieldPos(0, 1)] = TfliteBuiltinOperator.Dequantize;
        Assert.Equal("ds.tflite: operator 13 (DEQUANTIZE) produces a tensor of type INT8; only DEQUANTIZE to the float32 model output is supported", Refuse(bytes).Message);
    }

    [Fact]
    public void FirstUnsupportedOperatorWinsOverLaterOnes()
    {
        var (bytes, root, sg) = Open();
        var ops = sg.TableVector(3, "op");
        var codes = root.TableVector(1, "code");
        // Make the AVERAGE_POOL_2D (op 10) a MUL and the SOFTMAX (op 13) an SVDF: op 10 must be named.
        void SetCode(int op, int builtin)
        {
            uint idx = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)ops[op].FieldPos(0, 4)));
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan((int)codes[idx].FieldPos(3, 4)), builtin);
            bytes[codes[idx].FieldPos(0, 1)] = (byte)builtin;
        }
        SetCode(13, 27);
        SetCode(10, 18);
        var e = Refuse(bytes);
        Assert.Equal("ds.tflite: operator 10 (MUL) is not supported", e.Message);
        Assert.Equal("MUL", e.OperatorName);
    }
}
