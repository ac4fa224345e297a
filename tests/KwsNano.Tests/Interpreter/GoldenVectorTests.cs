using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.IO;
using KwsNano.Kwsm;

namespace KwsNano.Tests.Interpreter;

/// <summary>
/// The published golden vectors (TensorFlow Lite / CMSIS-NN outputs, ../shared/models/MODELS.md) run
/// through convert -> write .kwsm -> read back -> interpret; the int8 output must match bit for bit.
/// </summary>
public class GoldenVectorTests
{
    [Theory]
    [InlineData("ds_cnn_s")]
    [InlineData("micronet_m")]
    public void PackedModel_ReproducesGoldenOutputExactly(string name)
    {
        KwsmModel converted = TfliteConverter.ConvertFile(TestData.ModelPath(name + ".tflite")).Model;
        byte[] blob = KwsmWriter.Write(converted);
        KwsmModel packed = KwsmReader.Read(blob, name + ".kwsm");

        sbyte[] input = NpyReader.Read(TestData.ModelPath(name + ".golden-input.npy")).Get<sbyte>();
        sbyte[] expected = NpyReader.Read(TestData.ModelPath(name + ".golden-output.npy")).Get<sbyte>();

        var interpreter = new KwsmInterpreter(packed);
        Assert.Equal(expected.Length, interpreter.OutputSize);
        sbyte[] output = interpreter.Invoke(input);
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("ds_cnn_s")]
    [InlineData("micronet_m")]
    public void ConvertedAndReadBackModels_RunIdentically(string name)
    {
        // The reader must give back exactly what the converter produced: same output for several inputs.
        KwsmModel converted = TfliteConverter.ConvertFile(TestData.ModelPath(name + ".tflite")).Model;
        KwsmModel packed = KwsmReader.Read(KwsmWriter.Write(converted), name + ".kwsm");
        var a = new KwsmInterpreter(converted);
        var b = new KwsmInterpreter(packed);
        var rng = new Random(7);
        for (int i = 0; i < 3; i++)
        {
            var input = new sbyte[a.InputSize];
            for (int k = 0; k < input.Length; k++)
            {
                input[k] = (sbyte)rng.Next(-128, 128);
            }
            Assert.Equal(a.Invoke(input), b.Invoke(input));
        }
    }
}
