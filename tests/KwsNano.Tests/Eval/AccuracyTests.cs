using KwsNano.Audio;
using KwsNano.Conversion;
using KwsNano.Eval;
using KwsNano.Inference;
using Xunit.Abstractions;

namespace KwsNano.Tests.Eval;

/// <summary>
/// Top-1 accuracy of the reference models on the 1,500 Speech Commands test clips through the native
/// path (C front-end + C engine), against thresholds a little below the publishers' figures. Silence
/// clips are evaluated with each publisher's protocol (EvalRunner.PublishersSilenceAsZeros).
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("ds_cnn_s.tflite", 91.5)]
    [InlineData("micronet_m.tflite", 94.0)]
    [InlineData("ml-examples/ds_cnn_s.tflite", 91.5)]
    [InlineData("ml-examples/cnn_s.tflite", 89.5)]
    [InlineData("ml-examples/dnn_s.tflite", 80.5)]
    public void NativePathReachesThePublishedAccuracy(string model, double minimumPercent)
    {
        var loaded = ModelLoader.Load(TestData.ModelPath(model));
        var clips = EvalDataset.Load(Path.Combine(TestData.SharedDir, "audio", "speech_commands_test"));
        var factory = new InferenceEngineFactory();
        Assert.True(factory.NativeAvailable(out string why), why);
        Assert.True(NativeFrontend.IsAvailable);
        var result = EvalRunner.Run(clips, loaded.Model.Labels, () =>
        {
            var engine = factory.Create(loaded.Blob, loaded.Name, EnginePreference.Native).Engine;
            Assert.Equal("native", engine.Name);
            return new ClipClassifier(loaded.Model, new FeatureExtractor(loaded.Model.Frontend, useNative: true), engine.Invoke, engine);
        }, Environment.ProcessorCount, silenceAsZeros: EvalRunner.PublishersSilenceAsZeros(loaded.Model.Frontend));
        var m = result.Matrix;
        string perClass = string.Join(", ", Enumerable.Range(0, m.Labels.Count).Select(i => $"{m.Labels[i]} {100 * m.ClassAccuracy(i):F1}"));
        output.WriteLine($"{model}: {100 * m.Accuracy:F2}% ({m.Correct}/{m.Total}), {result.ClipsPerSecond:F1} clips/s; {perClass}");
        Assert.Equal(1500, m.Total);
        Assert.True(100 * m.Accuracy >= minimumPercent, $"{model}: top-1 {100 * m.Accuracy:F2}% < {minimumPercent}% ({perClass})");
    }
}
