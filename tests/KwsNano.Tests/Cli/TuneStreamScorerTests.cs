using KwsNano.Cli.Tuning;

namespace KwsNano.Tests.Cli;

/// <summary>The interpreter fallback of the tuning scorer against the native stream on the same audio.</summary>
public class TuneStreamScorerTests
{
    [Fact]
    public void InterpreterFallbackAgreesWithTheNativeStream()
    {
        var loaded = KwsNano.Conversion.ModelLoader.Load(TestData.ModelPath("ds_cnn_s.tflite"));
        string data = Path.Combine(TestData.SharedDir, "audio", "speech_commands_test");
        var stream = TuneStreamBuilder.Keywords(data, ["yes", "stop"], 1, 500, 16000);
        var native = StreamScorer.Run(loaded.Blob, loaded.Model, stream, StreamScorer.Backend.NativeStream);
        var interp = StreamScorer.Run(loaded.Blob, loaded.Model, stream, StreamScorer.Backend.Interpreter);
        Assert.Equal((stream.Samples.Length - 16000) / 320 + 1, native.Count);
        Assert.Equal(native.WindowEndSamples, interp.WindowEndSamples);
        int sameTop = 0;
        double diff = 0;
        for (int i = 0; i < native.Count; i++)
        {
            var a = native.Probabilities[i];
            var b = interp.Probabilities[i];
            Assert.Equal(1.0, a.Sum(), 0.05);
            sameTop += Array.IndexOf(a, a.Max()) == Array.IndexOf(b, b.Max()) ? 1 : 0;
            diff += a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
        }
        // the C# front-end is double precision, the native one float: features may differ by one step
        Assert.True(sameTop >= native.Count * 9 / 10, $"top class agrees on {sameTop} of {native.Count} inferences");
        Assert.True(diff / native.Count < 0.05, $"mean largest probability difference {diff / native.Count}");
    }
}
