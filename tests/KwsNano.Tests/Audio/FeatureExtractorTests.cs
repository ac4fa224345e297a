using KwsNano.Audio;

namespace KwsNano.Tests.Audio;

public class FeatureExtractorTests
{
    [Fact]
    public void ShortClipsAreZeroPaddedAtTheEndAndLongOnesTrimmed()
    {
        short[] clip = [1, 2, 3];
        Assert.Equal(new short[] { 1, 2, 3, 0, 0 }, FeatureExtractor.FitToWindow(clip, 5));
        Assert.Equal(new short[] { 1, 2 }, FeatureExtractor.FitToWindow(clip, 2));
    }

    [Fact]
    public void ManagedFeaturesOfAPaddedClipEqualFeaturesOfTheExplicitlyPaddedClip()
    {
        var fe = AudioTestData.Arm(49, 1.0841935f, 100);
        var yes = WavReader.Read(AudioTestData.Recording("yes.wav")).Samples;
        using var x = new FeatureExtractor(fe, useNative: false);
        Assert.False(x.IsNative);
        var half = x.Compute(yes.AsSpan(0, 9000));
        var padded = new short[16000];
        Array.Copy(yes, padded, 9000);
        Assert.Equal(new Mfcc(fe).ComputeWindow(padded).Select(c => Mfcc.Quantize(c, fe.InputScale, fe.InputZeroPoint)), half);
        Assert.Equal(490, half.Length);
        // the padded tail is digital silence: log(FLT_MIN) energies -> c0 clamps at -128
        Assert.Equal(-128, half[480]);
        Assert.NotEqual(-128, half[0]);
    }
}
