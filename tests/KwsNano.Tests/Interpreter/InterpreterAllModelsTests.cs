using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.Kwsm;
using KwsNano.Tests.Converter;

namespace KwsNano.Tests.Interpreter;

/// <summary>
/// Every supported shared model runs in the interpreter from its packed bytes: the memory plan passes the
/// byte-level lifetime replay, and the outputs are probability distributions.
/// </summary>
public class InterpreterAllModelsTests
{
    public static IEnumerable<object[]> SupportedModels() => ConvertAllModelsTests.SupportedModels();

    [Theory]
    [MemberData(nameof(SupportedModels))]
    public void PackedModelRuns_AndOutputsADistribution(string relative)
    {
        KwsmModel converted = TfliteConverter.ConvertFile(TestData.ModelPath(relative)).Model;
        KwsmModel packed = KwsmReader.Read(KwsmWriter.Write(converted), relative);
        var interpreter = new KwsmInterpreter(packed);
        int classes = packed.Output.Channels;
        var rng = new Random(relative.Length);
        for (int trial = 0; trial < 2; trial++)
        {
            var input = new sbyte[interpreter.InputSize];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (sbyte)rng.Next(-128, 128);
            }
            sbyte[] output = interpreter.Invoke(input);
            Assert.Equal(classes * (packed.Output.Size / classes), output.Length);
            if (interpreter.EndsWithSoftmax)
            {
                // Each probability is rounded to 1/256 once: the quantised sum is 256 within one LSB per class.
                int sum = output.Sum(q => q + 128);
                Assert.InRange(sum, 256 - classes, 256 + classes);
            }
            float[] p = interpreter.ToProbabilities(output);
            Assert.All(p, v => Assert.InRange(v, 0f, 1f));
            Assert.InRange(p.Sum(), 1f - classes / 256f, 1f + classes / 256f);
        }
    }
}
