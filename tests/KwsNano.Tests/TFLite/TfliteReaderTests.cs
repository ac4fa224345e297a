using KwsNano.Conversion;
using KwsNano.TFLite;

namespace KwsNano.Tests.TfliteReading;

public class TfliteReaderTests
{
    [Fact]
    public void ReadsDsCnnSFactsFromModelsMd()
    {
        var m = TfliteModel.Load(TestData.ModelPath("ds_cnn_s.tflite"));
        Assert.Single(m.SubGraphs);
        var sg = m.SubGraphs[0];
        var input = sg.Tensors[sg.Inputs[0]];
        Assert.Equal(new[] { 1, 490 }, input.Shape);
        Assert.Equal(TfliteTensorType.Int8, input.Type);
        Assert.Equal(1.0841935f, input.Quantization.Scale[0], 6);
        Assert.Equal(100, input.Quantization.ZeroPoint[0]);
        var output = sg.Tensors[sg.Outputs[0]];
        Assert.Equal(new[] { 1, 12 }, output.Shape);
        Assert.Equal(1f / 256, output.Quantization.Scale[0]);
        Assert.Equal(-128, output.Quantization.ZeroPoint[0]);
        var names = sg.Operators.Select(o => o.Name).ToList();
        Assert.Equal("RESHAPE", names[0]);
        Assert.Equal(5, names.Count(n => n == "CONV_2D"));
        Assert.Equal(4, names.Count(n => n == "DEPTHWISE_CONV_2D"));
        Assert.Equal(new[] { "AVERAGE_POOL_2D", "RESHAPE", "FULLY_CONNECTED", "SOFTMAX" }, names.Skip(10));
    }

    [Fact]
    public void ReadsPerChannelWeightQuantisation()
    {
        var m = TfliteModel.Load(TestData.ModelPath("ds_cnn_s.tflite"));
        var sg = m.SubGraphs[0];
        var conv = sg.Operators.First(o => o.BuiltinCode == TfliteBuiltinOperator.Conv2D);
        var w = sg.Tensors[conv.Inputs[1]];
        Assert.Equal(TfliteTensorType.Int8, w.Type);
        Assert.Equal(w.Shape[0], w.Quantization.Scale.Length);
        Assert.All(w.Quantization.ZeroPoint, z => Assert.Equal(0, z));
        Assert.Equal(w.ElementCount, m.ConstantData(w)!.Length);
        var options = TfliteOptions.Of(conv, m.SourceName);
        Assert.Equal(2, options.StrideH);
        Assert.Equal(0, options.Padding);
        Assert.Equal(1, options.FusedActivation);
    }

    [Theory]
    [InlineData(77, "SHAPE")]
    [InlineData(45, "STRIDED_SLICE")]
    [InlineData(83, "PACK")]
    [InlineData(49, "SPLIT")]
    [InlineData(14, "LOGISTIC")]
    [InlineData(28, "TANH")]
    [InlineData(18, "MUL")]
    [InlineData(27, "SVDF")]
    [InlineData(88, "UNPACK")]
    [InlineData(2, "CONCATENATION")]
    [InlineData(114, "QUANTIZE")]
    [InlineData(126, "BATCH_MATMUL")]
    [InlineData(5000, "BUILTIN_5000")]
    public void NamesBuiltinOperators(int code, string name) => Assert.Equal(name, TfliteBuiltinOperator.Name(code));

    [Fact]
    public void RejectsNonTfliteFile()
    {
        var e = Assert.Throws<TfliteFormatException>(() => TfliteModelReader.Read("KWSM not a flatbuffer"u8.ToArray(), "x.tflite"));
        Assert.StartsWith("x.tflite: not a TFLite model", e.Message);
    }

    public static IEnumerable<object[]> FuzzModels() => new[]
    {
        new object[] { "ds_cnn_s.tflite" },
        new object[] { "micro_speech.tflite" },
        new object[] { "ml-examples/dnn_s.tflite" },
        new object[] { "unsupported/keyword_scrambled_8bit.tflite" },
    };

    /// <summary>Reading or converting a damaged file may only fail with the documented exception types.</summary>
    private static bool ConvertExpectingOnlyDocumentedErrors(byte[] bytes, string what)
    {
        try
        {
            var model = TfliteModelReader.Read(bytes, "fuzz.tflite");
            TfliteConverter.Convert(model, new ConversionOptions { FrontendPreset = FrontendPresets.None });
            return false;
        }
        catch (TfliteFormatException e)
        {
            Assert.StartsWith("fuzz.tflite: ", e.Message);
            return true;
        }
        catch (ConversionException e)
        {
            Assert.StartsWith("fuzz.tflite: ", e.Message);
            return true;
        }
        catch (Exception e)
        {
                Assert.Fail($"{what}: unexpected {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            return true;
        }
    }

    [Theory]
    [MemberData(nameof(FuzzModels))]
    public void TruncatedFilesGiveFormatErrors(string relative)
    {
        byte[] full = File.ReadAllBytes(TestData.ModelPath(relative));
        int formatErrors = 0;
        var offsets = Enumerable.Range(0, 64).Concat(Enumerable.Range(1, 200).Select(i => (int)((long)full.Length * i / 201))).Distinct();
        foreach (int n in offsets)
        {
            var cut = full[..n];
            ConvertExpectingOnlyDocumentedErrors(cut, $"truncated to {n}");
            try
            {
                TfliteModelReader.Read(cut, "cut.tflite");
            }
            catch (TfliteFormatException)
            {
                formatErrors++;
            }
        }
        // Nearly every truncation must be detected by the reader itself (the root table sits at the end).
        Assert.True(formatErrors >= 250, $"only {formatErrors} truncations detected");
    }

    [Theory]
    [MemberData(nameof(FuzzModels))]
    public void RandomByteFlipsNeverCrash(string relative)
    {
        byte[] full = File.ReadAllBytes(TestData.ModelPath(relative));
        var rng = new Random(20261121);
        int refused = 0;
        int tail = Math.Min(4096, full.Length);
        for (int trial = 0; trial < 400; trial++)
        {
            var b = (byte[])full.Clone();
            int flips = 1 + rng.Next(8);
            for (int k = 0; k < flips; k++)
            {
                // Mostly in the first 2 KB and the last 4 KB, where flatbuffer tables, vtables and offsets live.
                int at = rng.Next(3) switch
                {
                    0 => rng.Next(Math.Min(2048, b.Length)),
                    1 => b.Length - 1 - rng.Next(tail),
                    _ => rng.Next(b.Length),
                };
                b[at] ^= (byte)(1 << rng.Next(8));
            }
            if (ConvertExpectingOnlyDocumentedErrors(b, $"trial {trial}"))
            {
                refused++;
            }
        }
        // The flips must actually exercise the error paths, not only land in weight bytes.
        Assert.True(refused >= 40, $"only {refused} of 400 damaged files were refused");
    }
}
