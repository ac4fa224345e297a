using KwsNano.Kwsm;

namespace KwsNano.Tests.KwsmFormat;

/// <summary>
/// Each descriptor rule of <see cref="KwsmFrontendRules"/> (the C# mirror of kws__frontend_desc_check): the
/// value just past the limit is refused naming the field, the limit itself is accepted. The C side of every
/// rule is tests/native/test_loader.c (test_frontend_rules); <see cref="KwsmCrossCheckTests"/> checks they agree.
/// </summary>
public class KwsmFrontendRulesTests
{
    private static readonly KwsmFrontend Arm = new()
    {
        Kind = 1, Window = 1, SampleRate = 16000, FrameLength = 640, FrameHop = 320, FftSize = 1024, MelBins = 40,
        MelLowHz = 20, MelHighHz = 4000, NumCoeffs = 10, NumFrames = 49, InputScale = 1.1f, InputZeroPoint = 95,
        Preset = "arm-mfcc-49x10",
    };

    public static TheoryData<string, KwsmFrontend, int> Refused() => new()
    {
        { "kind 4", Arm with { Kind = 4 }, KwsmFrontendRules.OffKind },
        { "num_frames 0", Arm with { NumFrames = 0 }, KwsmFrontendRules.OffNumCoeffs },
        { "num_coeffs 0", Arm with { NumCoeffs = 0 }, KwsmFrontendRules.OffNumCoeffs },
        { "input_scale 0", Arm with { InputScale = 0 }, KwsmFrontendRules.OffInputScale },
        { "input_scale NaN", Arm with { InputScale = float.NaN }, KwsmFrontendRules.OffInputScale },
        { "input_scale inf", Arm with { InputScale = float.PositiveInfinity }, KwsmFrontendRules.OffInputScale },
        { "input_zero_point 128", Arm with { InputZeroPoint = 128 }, KwsmFrontendRules.OffInputZeroPoint },
        { "window 0", Arm with { Window = 0 }, KwsmFrontendRules.OffWindow },
        { "sample_scaling 2", Arm with { SampleScaling = 2 }, KwsmFrontendRules.OffSampleScaling },
        { "log_mode 2", Arm with { LogMode = 2 }, KwsmFrontendRules.OffLogMode },
        { "spectrum 2", Arm with { Spectrum = 2 }, KwsmFrontendRules.OffSpectrum },
        { "mel_formula 1", Arm with { MelFormula = 1 }, KwsmFrontendRules.OffMelFormula },
        { "dct 2", Arm with { Dct = 2 }, KwsmFrontendRules.OffDct },
        { "sample_rate 999", Arm with { SampleRate = 999 }, KwsmFrontendRules.OffSampleRate },
        { "sample_rate 192001", Arm with { SampleRate = 192001 }, KwsmFrontendRules.OffSampleRate },
        { "fft_size 1000", Arm with { FftSize = 1000 }, KwsmFrontendRules.OffFftSize },
        { "fft_size 8192", Arm with { FftSize = 8192, FrameLength = 640 }, KwsmFrontendRules.OffFftSize },
        { "fft_size 2", Arm with { FftSize = 2, FrameLength = 2, FrameHop = 1 }, KwsmFrontendRules.OffFftSize },
        { "frame_length 1", Arm with { FrameLength = 1, FrameHop = 1 }, KwsmFrontendRules.OffFrameLength },
        { "frame_length > fft_size", Arm with { FrameLength = 1025 }, KwsmFrontendRules.OffFrameLength },
        { "frame_hop 0", Arm with { FrameHop = 0 }, KwsmFrontendRules.OffFrameHop },
        { "frame_hop > frame_length", Arm with { FrameHop = 641 }, KwsmFrontendRules.OffFrameHop },
        { "mel_bins 0", Arm with { MelBins = 0 }, KwsmFrontendRules.OffMelBins },
        { "mel_bins 129", Arm with { MelBins = 129 }, KwsmFrontendRules.OffMelBins },
        { "mel_bins < num_coeffs", Arm with { MelBins = 9 }, KwsmFrontendRules.OffMelBins },
        { "mel_low_hz -1", Arm with { MelLowHz = -1 }, KwsmFrontendRules.OffMelLowHz },
        { "mel_high_hz = low", Arm with { MelHighHz = 20 }, KwsmFrontendRules.OffMelLowHz },
        { "mel_high_hz NaN", Arm with { MelHighHz = float.NaN }, KwsmFrontendRules.OffMelLowHz },
        { "mel_high_hz > rate/2", Arm with { MelHighHz = 8001 }, KwsmFrontendRules.OffMelLowHz },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void EachRuleRefusesTheValuePastItsLimit(string what, KwsmFrontend f, int field)
    {
        var v = KwsmFrontendRules.Check(f);
        Assert.True(v != null, $"{what} accepted");
        Assert.Equal(field, v!.FieldOffset);
        var e = Assert.Throws<KwsmFormatException>(() => KwsmFrontendRules.Validate(f, "m.kwsm"));
        Assert.Equal(KwsmError.Frontend, e.Error);
        Assert.StartsWith("m.kwsm: front-end descriptor (arm-mfcc-49x10): ", e.Message);
    }

    public static TheoryData<string, KwsmFrontend> Accepted() => new()
    {
        { "Arm 49x10", Arm },
        { "mel_bins 128", Arm with { MelBins = 128 } },
        { "frame_hop = frame_length", Arm with { FrameHop = 640 } },
        { "frame_length = fft_size", Arm with { FrameLength = 1024 } },
        { "fft_size 4096", Arm with { FftSize = 4096 } },
        { "fft_size 4, frame 2", Arm with { FftSize = 4, FrameLength = 2, FrameHop = 1, NumCoeffs = 1, MelBins = 1 } },
        { "sample_rate 1000..192000", Arm with { SampleRate = 1000, MelHighHz = 500 } },
        { "sample_rate 192000", Arm with { SampleRate = 192000 } },
        { "mel_high_hz = rate/2", Arm with { MelHighHz = 8000 } },
        { "kind 0 ignores the MFCC fields", new KwsmFrontend { Kind = 0, NumFrames = 1, NumCoeffs = 490, InputScale = 1, Preset = "none" } },
        { "kind 3 (valid, not computed)", Arm with { Kind = 3, Preset = "micro-speech" } },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TheLimitsThemselvesAreAccepted(string what, KwsmFrontend f)
    {
        Assert.True(KwsmFrontendRules.Check(f) == null, $"{what}: {KwsmFrontendRules.Check(f)?.Problem}");
    }

    [Fact]
    public void ComputedKindsAreOneAndTwo()
    {
        KwsmFrontendRules.RequireComputed(Arm, "m");
        KwsmFrontendRules.RequireComputed(Arm with { Kind = 2 }, "m");
        var e = Assert.Throws<KwsNanoException>(() => KwsmFrontendRules.RequireComputed(Arm with { Kind = 0 }, "m.kwsm"));
        Assert.StartsWith("m.kwsm: front-end kind 0", e.Message);
    }
}
