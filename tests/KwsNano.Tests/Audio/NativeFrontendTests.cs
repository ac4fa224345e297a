using KwsNano.Audio;
using Xunit.Abstractions;

namespace KwsNano.Tests.Audio;

/// <summary>
/// The C front-end (libkwsnano, built next to the test binaries by `dotnet build`) against the golden
/// vector and against the independent double-precision <see cref="Mfcc"/>.
/// </summary>
public class NativeFrontendTests(ITestOutputHelper output)
{
    private static readonly Kwsm.KwsmFrontend Arm49 = AudioTestData.Arm(49, 1.0841935f, 100);

    [Fact]
    public void LibraryIsPresent()
    {
        Assert.True(NativeFrontend.IsAvailable, "libkwsnano with the front-end must be built next to the tests");
    }

    [Fact]
    public void NativeGoldenFrameWithin1e4()
    {
        var yes = WavReader.Read(AudioTestData.Recording("yes.wav")).Samples;
        using var fe = new NativeFrontend(AudioTestData.Arm(49, 1.1088107f, 95));
        var mfcc = fe.ComputeFrame(yes.AsSpan(0, 640));
        for (int i = 0; i < 10; i++)
        {
            Assert.True(Math.Abs(mfcc[i] - AudioTestData.GoldenYes[i]) <= 1e-4, $"c{i} = {mfcc[i]}");
        }
        var golden = AudioTestData.GoldenYes.Select(v => (float)v).ToArray();
        Assert.Equal(fe.Quantize(golden), fe.Quantize(mfcc));
    }

    [Theory]
    [InlineData(49, 320)]
    [InlineData(25, 640)]
    public void NativeAgreesWithManagedOnRecordingsAndTestClips(int frames, int hop)
    {
        var desc = AudioTestData.Arm(frames, 1.0841935f, 100);
        Assert.Equal(hop, desc.FrameHop);
        var managed = new Mfcc(desc);
        using var native = new NativeFrontend(desc);
        var clips = new List<short[]>
        {
            WavReader.Read(AudioTestData.Recording("yes.wav")).Samples,
            WavReader.Read(AudioTestData.Recording("down.wav")).Samples,
        };
        var testDir = Path.Combine(TestData.SharedDir, "audio", "speech_commands_test");
        foreach (var label in new[] { "_silence_", "no", "stop", "_unknown_" })
        {
            clips.AddRange(Directory.GetFiles(Path.Combine(testDir, label), "*.wav").Order(StringComparer.Ordinal).Take(5)
                .Select(f => WavReader.Read(f).Samples));
        }
        double worst = 0;
        int values = 0, off = 0;
        foreach (var clip in clips)
        {
            var window = FeatureExtractor.FitToWindow(clip, managed.WindowSamples);
            double[] m = managed.ComputeWindow(window);
            float[] n = native.ComputeWindow(window);
            sbyte[] qn = native.Quantize(n);
            for (int i = 0; i < m.Length; i++)
            {
                // single vs double precision: relative error of a float sum of ~40 log terms
                worst = Math.Max(worst, Math.Abs(m[i] - n[i]) / Math.Max(1.0, Math.Abs(m[i])));
                int qm = Mfcc.Quantize(m[i], desc.InputScale, desc.InputZeroPoint);
                Assert.True(Math.Abs(qm - qn[i]) <= 1, $"value {i}: managed {qm}, native {qn[i]}");
                off += qm != qn[i] ? 1 : 0;
                values++;
            }
        }
        output.WriteLine($"{clips.Count} clips: worst relative difference {worst:E2}, {off} of {values} quantised values differ");
        Assert.True(worst < 1e-3, $"worst relative difference {worst}");
        // a +-1 LSB difference needs a value within ~1e-3 LSB of a rounding boundary: rare
        Assert.True(off <= values / 1000 + 2, $"{off} of {values} quantised features differ by 1 LSB");
    }
}
