using KwsNano.Interpreter;
using KwsNano.IO;
using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Tests.NativeHost;

/// <summary>
/// The native engine (libkwsnano, P/Invoke) against the C# reference interpreter, bit for bit, on every
/// supported shared model, and against the published golden vectors.
/// </summary>
public class NativeDifferentialTests
{
    private const int InputsPerModel = 100;

    public static IEnumerable<object[]> SupportedModels() => NativeTestModels.Supported();

    [Fact]
    public void AllSupportedModelsAreCovered()
    {
        Assert.Equal(9, SupportedModels().Count());
    }

    [Theory]
    [MemberData(nameof(SupportedModels))]
    public void RandomInputsMatchTheInterpreterExactly(string relative)
    {
        var (model, blob) = NativeTestModels.Get(relative);
        var interpreter = new KwsmInterpreter(KwsmReader.Read(blob, relative));
        using var native = NativeEngine.Open(blob, relative);
        Assert.Equal(model.Input.Size, native.Input.Elements);
        Assert.Equal(model.Output.Size, native.Output.Elements);

        var rng = new Random(20251121 ^ relative.GetHashCode(StringComparison.Ordinal) & 0x7FFF);
        var input = new sbyte[model.Input.Size];
        int distinctOutputs = 0;
        var seen = new HashSet<string>();
        for (int trial = 0; trial < InputsPerModel; trial++)
        {
            FillInput(rng, input, trial, model.Input.ZeroPoint);
            sbyte[] expected = interpreter.Invoke(input);
            sbyte[] actual = native.Invoke(input);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                Assert.Fail($"{relative}: input #{trial}: native [{string.Join(",", actual)}] != interpreter [{string.Join(",", expected)}]");
            }
            if (seen.Add(string.Join(",", actual)))
            {
                distinctOutputs++;
            }
        }
        // The inputs exercise the network: not every output is the same vector.
        Assert.True(distinctOutputs > 1, $"{relative}: all {InputsPerModel} outputs identical");
    }

    [Theory]
    [InlineData("ds_cnn_s")]
    [InlineData("micronet_m")]
    public void GoldenVectorsMatchExactly(string name)
    {
        var (_, blob) = NativeTestModels.Get(name + ".tflite");
        sbyte[] input = NpyReader.Read(TestData.ModelPath(name + ".golden-input.npy")).Get<sbyte>();
        sbyte[] expected = NpyReader.Read(TestData.ModelPath(name + ".golden-output.npy")).Get<sbyte>();
        using var native = NativeEngine.Open(blob, name);
        Assert.Equal(expected, native.Invoke(input));
    }

    /// <summary>Mixes uniform noise, near-zero-point inputs and saturated extremes so clamps and padding paths run.</summary>
    private static void FillInput(Random rng, sbyte[] input, int trial, int zeroPoint)
    {
        switch (trial % 4)
        {
            case 0:
            case 1:
                for (int i = 0; i < input.Length; i++) input[i] = (sbyte)rng.Next(-128, 128);
                break;
            case 2:
                for (int i = 0; i < input.Length; i++) input[i] = (sbyte)Math.Clamp(zeroPoint + rng.Next(-20, 21), -128, 127);
                break;
            default:
                for (int i = 0; i < input.Length; i++) input[i] = rng.Next(2) == 0 ? sbyte.MinValue : sbyte.MaxValue;
                break;
        }
    }
}
