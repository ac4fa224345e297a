using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.IO;
using KwsNano.Kwsm;

namespace KwsNano.Tests.Converter;

/// <summary>
/// End to end through the converter: .tflite -> .kwsm bytes -> reader -> reference interpreter must give the
/// published golden outputs bit for bit (TFLite / CMSIS-NN). Checks padding, folding, multipliers and the arena plan.
/// </summary>
public class GoldenVectorTests
{
    [Theory]
    [InlineData("ds_cnn_s")]
    [InlineData("micronet_m")]
    public void ConvertedModelReproducesGoldenOutput(string name)
    {
        var loaded = ModelLoader.Load(TestData.ModelPath(name + ".tflite"));
        var model = KwsmReader.Read(loaded.Blob, name + ".kwsm");
        var input = NpyReader.Read(TestData.ModelPath(name + ".golden-input.npy")).Get<sbyte>();
        var expected = NpyReader.Read(TestData.ModelPath(name + ".golden-output.npy")).Get<sbyte>();
        var output = new KwsmInterpreter(model).Invoke(input);
        Assert.Equal(expected, output);
    }
}
