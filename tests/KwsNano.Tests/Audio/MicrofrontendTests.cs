using KwsNano.Audio;
using KwsNano.Conversion;

namespace KwsNano.Tests.Audio;

/// <summary>
/// The C# microfrontend (kind 3, micro_speech) and the native one against TFLite Micro's golden features
/// (tests/native/test_microfrontend_golden.txt), and against each other.
/// </summary>
public class MicrofrontendTests
{
    private static readonly Kwsm.KwsmFrontend Desc = FrontendPresets.Create(FrontendPresets.MicroSpeech, [1, 1960], 0.10171568f, -128, "test");

    /// <summary>One block of the golden file.</summary>
    private sealed record GoldenBlock(string Name, string Wav, int Frames, uint[]? Preset, sbyte[] Features);

    private static List<GoldenBlock> ReadGolden()
    {
        var blocks = new List<GoldenBlock>();
        var lines = File.ReadAllLines(Path.Combine(TestData.RepoRoot, "tests", "native", "test_microfrontend_golden.txt"))
            .Where(l => l.Length > 0 && l[0] != '#').ToList();
        for (int i = 0; i < lines.Count && lines[i] != "end";)
        {
            var head = lines[i++].Split(' ');
            int frames = int.Parse(head[2]);
            uint[]? preset = null;
            if (head[3] == "preset")
            {
                preset = lines[i++].Split(' ').Select(uint.Parse).ToArray();
            }
            var features = lines.Skip(i).Take(frames).SelectMany(l => l.Split(' ')).Select(sbyte.Parse).ToArray();
            i += frames;
            blocks.Add(new GoldenBlock(head[0], head[1], frames, preset, features));
        }
        return blocks;
    }

    [Fact]
    public void ManagedReferenceReproducesEveryGoldenFrameBitForBit()
    {
        var blocks = ReadGolden();
        Assert.Equal(6, blocks.Count);
        Assert.Equal(102, blocks.Sum(b => b.Frames));
        var fe = new Microfrontend(Desc);
        foreach (var block in blocks)
        {
            var samples = WavReader.Read(AudioTestData.Recording(block.Wav)).Samples;
            fe.Reset();
            block.Preset?.CopyTo(fe.NoiseEstimate);
            for (int f = 0; f < block.Frames; f++)
            {
                var q = fe.ComputeFrame(samples.AsSpan(f * 320, 480)).Select(v => Microfrontend.ToInt8(v)).ToArray();
                Assert.True(block.Features.AsSpan(f * 40, 40).SequenceEqual(q), $"{block.Name} frame {f}: [{string.Join(",", q)}]");
            }
        }
    }

    [Fact]
    public void NativeFrontEndReproducesTheGoldenClipsAndAgreesWithTheReference()
    {
        Assert.True(NativeFrontend.IsAvailable, "libkwsnano is built with the tests");
        var blocks = ReadGolden().Where(b => b.Frames == 49).ToList();
        Assert.Equal(2, blocks.Count);
        using var native = new NativeFrontend(Desc);
        var managed = new Microfrontend(Desc);
        foreach (var block in blocks)
        {
            var samples = WavReader.Read(AudioTestData.Recording(block.Wav)).Samples;
            var q = native.Quantize(native.ComputeWindow(samples));
            Assert.Equal(block.Features, q);
            Assert.Equal(managed.ComputeWindow(samples).Select(v => (float)v), native.ComputeWindow(samples));
        }
        // Speech Commands clips, beyond the golden ones: C and C# features are identical
        int clips = 0;
        foreach (var label in new[] { "yes", "no", "_silence_", "_unknown_" })
        {
            foreach (var wav in Directory.GetFiles(Path.Combine(TestData.SharedDir, "audio", "speech_commands_test", label), "*.wav").Order().Take(5))
            {
                var window = FeatureExtractor.FitToWindow(WavReader.Read(wav).Samples, 16000);
                Assert.Equal(managed.ComputeWindow(window).Select(v => (float)v), native.ComputeWindow(window));
                clips++;
            }
        }
        Assert.Equal(20, clips);
    }

    [Fact]
    public void FeatureExtractorUsesTheMicroSpeechMappingOnBothPaths()
    {
        var samples = WavReader.Read(AudioTestData.Recording("micro_speech_yes_1000ms.wav")).Samples;
        var golden = ReadGolden().Single(b => b.Name == "yes_1000ms").Features;
        using var managed = new FeatureExtractor(Desc, useNative: false);
        using var native = new FeatureExtractor(Desc, useNative: true);
        Assert.Equal(15840, managed.WindowSamples);
        Assert.Equal(golden, managed.Compute(samples));
        Assert.Equal(golden, native.Compute(samples));
    }

    [Fact]
    public void NoiseEstimateIsStateThatResetClears()
    {
        var samples = WavReader.Read(AudioTestData.Recording("micro_speech_noise_1000ms.wav")).Samples;
        var fe = new Microfrontend(Desc);
        var first = fe.ComputeFrame(samples.AsSpan(0, 480));
        Assert.Contains(fe.NoiseEstimate.ToArray(), v => v != 0);
        var again = fe.ComputeFrame(samples.AsSpan(0, 480));
        Assert.NotEqual(first, again); // the estimate from the first frame is subtracted
        fe.Reset();
        Assert.All(fe.NoiseEstimate.ToArray(), v => Assert.Equal(0u, v));
        Assert.Equal(first, fe.ComputeFrame(samples.AsSpan(0, 480)));
    }

    [Theory]
    [InlineData(0, -128)]
    [InlineData(330, -1)]
    [InlineData(332, 0)]
    [InlineData(660, 126)]
    [InlineData(665, 127)]
    public void Int8MappingIsMicroSpeechsIntegerRule(int feature, int expected)
    {
        Assert.Equal(expected, Microfrontend.ToInt8(feature));
    }

    [Fact]
    public void FftMatchesTheDftWithinAFewLsb()
    {
        var rng = new Random(7);
        var x = Enumerable.Range(0, 512).Select(_ => (short)rng.Next(-32768, 32768)).ToArray();
        var y = new MicrofrontendFft(512).Transform(x);
        double worst = 0;
        for (int k = 0; k <= 256; k++)
        {
            double re = 0, im = 0;
            for (int i = 0; i < 512; i++)
            {
                re += x[i] * Math.Cos(-2 * Math.PI * k * i / 512) / 512;
                im += x[i] * Math.Sin(-2 * Math.PI * k * i / 512) / 512;
            }
            worst = Math.Max(worst, Math.Abs(re - y[k].Re) + Math.Abs(im - y[k].Im));
        }
        Assert.InRange(worst, 0, 8);
    }

    [Fact]
    public void OtherKindsAndBadDescriptorsAreRefused()
    {
        Assert.Throws<NotSupportedException>(() => new Microfrontend(AudioTestData.Arm(49, 1f, 0)));
        Assert.Throws<ArgumentException>(() => new Microfrontend(Desc with { FftSize = 1024 }));
        Assert.Throws<ArgumentException>(() => new Microfrontend(Desc with { NumCoeffs = 10 }));
        Assert.Throws<ArgumentException>(() => new Microfrontend(Desc with { MelHighHz = 9000 }));
    }
}
