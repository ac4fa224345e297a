using KwsNano.Audio;

namespace KwsNano.Tests.Audio;

public class MfccTests
{
    private static readonly Kwsm.KwsmFrontend Arm49 = AudioTestData.Arm(49, 1.1088107f, 95);

    [Fact]
    public void GoldenFrameOfYesMatchesArmKitWithin1e4()
    {
        var audio = WavReader.Read(AudioTestData.Recording("yes.wav"));
        var mfcc = new Mfcc(Arm49).ComputeFrame(audio.Samples.AsSpan(0, 640));
        Assert.Equal(10, mfcc.Length);
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(mfcc[i] - AudioTestData.GoldenYes[i]) <= 1e-4,
                $"c{i} = {mfcc[i]:F6}, golden {AudioTestData.GoldenYes[i]}");
        }
    }

    [Fact]
    public void GoldenFrameQuantisesExactly()
    {
        var audio = WavReader.Read(AudioTestData.Recording("yes.wav"));
        var mfcc = new Mfcc(Arm49).ComputeFrame(audio.Samples.AsSpan(0, 640));
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(Mfcc.Quantize(AudioTestData.GoldenYes[i], 1.1088107f, 95), Mfcc.Quantize(mfcc[i], 1.1088107f, 95));
        }
        Assert.Equal(75, Mfcc.Quantize(AudioTestData.GoldenYes[0], 1.1088107f, 95)); // 74.55 rounds up
    }

    [Theory]
    [InlineData(0.25, -3)]   // 0.5 - 3 = -2.5 -> -3 (half away from zero)
    [InlineData(-0.25, -4)]  // -3.5 -> -4
    [InlineData(1000.0, 127)]
    [InlineData(-1000.0, -128)]
    public void QuantiseRoundsHalfAwayFromZeroAndClamps(double c, int expected)
    {
        Assert.Equal(expected, Mfcc.Quantize(c, 0.5f, -3));
    }

    [Fact]
    public void WindowFramesEqualSingleFramesAtTheHop()
    {
        var audio = WavReader.Read(AudioTestData.Recording("yes.wav"));
        var mfcc = new Mfcc(Arm49);
        Assert.Equal(16000, mfcc.WindowSamples);
        var window = mfcc.ComputeWindow(audio.Samples);
        Assert.Equal(490, window.Length);
        var frame20 = mfcc.ComputeFrame(audio.Samples.AsSpan(20 * 320, 640));
        Assert.Equal(frame20, window.AsSpan(200, 10).ToArray());
    }

    [Fact]
    public void DnnPresetHas25FramesOverOneSecond()
    {
        var mfcc = new Mfcc(AudioTestData.Arm(25, 1f, 0));
        Assert.Equal(16000, mfcc.WindowSamples);
    }

    [Fact]
    public void PeakScalingOnlyShiftsC0()
    {
        // MLPerf Tiny divides by the clip peak: a gain g adds ln g to every log mel (the 1e-6 floor is
        // negligible for speech), which the DCT turns into sqrt(2M) ln g on c0 and nothing elsewhere.
        var audio = WavReader.Read(AudioTestData.Recording("yes.wav"));
        var mfcc = new Mfcc(KwsNano.Conversion.FrontendPresets.Create(KwsNano.Conversion.FrontendPresets.MlperfTiny, [1, 490], 1f, 0, "test"));
        var a = mfcc.ComputeFrame(audio.Samples.AsSpan(8000, 480), 1.0 / 32768);
        var b = mfcc.ComputeFrame(audio.Samples.AsSpan(8000, 480), 8.0 / 32768);
        Assert.Equal(Math.Sqrt(80) * Math.Log(8), b[0] - a[0], 3);
        for (int i = 1; i < 10; i++)
        {
            Assert.Equal(a[i], b[i], 3);
        }
    }

    [Fact]
    public void NonMfccKindIsRefusedAsAUserError()
    {
        var e = Assert.Throws<KwsNanoException>(() => new Mfcc(Arm49 with { Kind = 3, Preset = "micro-speech" }));
        Assert.Contains("micro-speech", e.Message);
        Assert.Contains("kind 3", e.Message);
    }

    [Fact]
    public void DescriptorsTheDeviceRefusesAreRefusedByBothFrontEnds()
    {
        // The device's rules (mel_bins <= 128, hop <= frame_length): the C# MFCC and the native front-end agree.
        foreach (var bad in new[] { Arm49 with { MelBins = 129 }, Arm49 with { FrameHop = 641 } })
        {
            var e = Assert.Throws<Kwsm.KwsmFormatException>(() => new Mfcc(bad));
            Assert.Equal(Kwsm.KwsmError.Frontend, e.Error);
            Assert.Throws<Kwsm.KwsmFormatException>(() => new NativeFrontend(bad));
        }
        Assert.Equal(10, new Mfcc(Arm49 with { MelBins = 128 }).ComputeFrame(new short[640]).Length);
    }
}
