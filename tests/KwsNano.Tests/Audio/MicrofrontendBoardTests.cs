using KwsNano.Audio;
using KwsNano.Cli.Firmware;
using KwsNano.Tests.Cli;
using KwsNano.VirtualBoard;

namespace KwsNano.Tests.Audio;

/// <summary>
/// micro_speech end to end with its microfrontend: the virtual board (firmware + native stream, features computed
/// one frame per hop with the noise estimate kept in the stream) detects "yes" and "no" in TFLite Micro's
/// recordings, and `classify` gives TFLite Micro's expected labels for its four test clips.
/// </summary>
public class MicrofrontendBoardTests
{
    private const string Config = """
        threshold 0.75
        smoothing 3
        refractory_ms 900
        release 0.5
        stats_ms 0
        on yes pulse 25 200
        on no toggle 26
        """;

    private static readonly Lazy<byte[]> Model = new(() => ModelFile.Load(TestData.ModelPath("micro_speech.tflite")));

    private static List<string> Detected(AudioFeed audio)
    {
        var r = VirtualBoardRunner.Run(new VirtualBoardRunner.Options(Model.Value, audio, Config, FlashTarget.Esp32, NativeTimeModel.Fixed(0, 2000)));
        return r.Lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!.Text("kw")).ToList();
    }

    [Theory]
    [InlineData("micro_speech_yes_1000ms.wav", "yes")]
    [InlineData("micro_speech_no_1000ms.wav", "no")]
    [InlineData("micro_speech_noise_1000ms.wav", "")]
    public void VirtualBoardDetectsTheSpokenKeywordOnly(string wav, string expected)
    {
        Assert.Equal(expected, string.Join(",", Detected(AudioFeed.FromWav(AudioTestData.Recording(wav)))));
    }

    [Fact]
    public void VirtualBoardDetectsYesThenNoInOneStream()
    {
        var yes = KwsNano.Audio.WavReader.Read(AudioTestData.Recording("micro_speech_yes_1000ms.wav")).Samples;
        var no = KwsNano.Audio.WavReader.Read(AudioTestData.Recording("micro_speech_no_1000ms.wav")).Samples;
        var gap = new short[8000];
        var stream = yes.Concat(gap).Concat(no).Concat(gap).Concat(yes).ToArray();
        Assert.Equal("yes,no,yes", string.Join(",", Detected(AudioFeed.FromSamples(stream))));
    }

    [Theory]
    [InlineData("micro_speech_yes_1000ms.wav", "yes")]
    [InlineData("micro_speech_no_1000ms.wav", "no")]
    [InlineData("micro_speech_silence_1000ms.wav", "silence")]
    [InlineData("micro_speech_noise_1000ms.wav", "silence")]
    public void ClassifyGivesTfliteMicrosExpectedLabels(string wav, string expected)
    {
        var (code, output, error) = CliRunner.Run("classify", AudioTestData.Recording(wav), "--model", TestData.ModelPath("micro_speech.tflite"));
        Assert.True(code == 0, error);
        Assert.StartsWith($"{wav}: {expected}", output);
    }
}
