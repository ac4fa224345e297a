using System.Numerics;

namespace KwsNano.Kwsm;

/// <summary>
/// The one front-end descriptor rule set, mirror of C <c>kws__frontend_desc_check</c>
/// (kernels-native/src/frontend/kws_frontend.c): the same rules, limits and order (docs/kwsm-format.md,
/// Validation step 5, front-end fields). Used by <see cref="KwsmReader"/>, the MFCC classes and the converter
/// before it writes, so the desktop tool accepts exactly the descriptors the device runs. Only the descriptor's
/// own fields: the preset name and the consistency with the input tensor are the reader's.
/// </summary>
public static class KwsmFrontendRules
{
    // Field offsets inside the 64-byte record (C KWS_FRONTEND_OFF_*).
    public const int OffKind = 0, OffWindow = 1, OffSampleScaling = 2, OffLogMode = 3, OffSampleRate = 4;
    public const int OffFrameLength = 8, OffFrameHop = 10, OffFftSize = 12, OffMelBins = 14;
    public const int OffMelLowHz = 16, OffMelHighHz = 20, OffNumCoeffs = 24, OffNumFrames = 26;
    public const int OffInputScale = 28, OffInputZeroPoint = 32, OffSpectrum = 36, OffMelFormula = 37, OffDct = 38;
    public const int OffPreset = 40, PresetMax = 16;

    // Field values (C KWS_FRONTEND_*).
    public const byte WindowHann = 1;
    public const byte ScalingFixed = 0, ScalingPeak = 1;
    public const byte LogFltMin = 0, LogEpsilon = 1;
    public const byte SpectrumMagnitude = 0, SpectrumPower = 1;
    public const byte MelHtk = 0;
    public const byte DctArm = 0, DctTensorFlow = 1;

    // Limits (C KWS_FRONTEND_*_MIN/MAX).
    public const int SampleRateMin = 1000, SampleRateMax = 192000;
    public const int FftMin = 4, FftMax = 4096;
    public const int FrameLengthMin = 2;
    public const int MelBinsMax = 128;

    /// <summary>True for the kinds the front-ends compute (1 and 2).</summary>
    public static bool IsComputed(byte kind) => kind is (byte)KwsmFrontendKind.ArmMfcc or (byte)KwsmFrontendKind.MlperfMfcc;

    /// <summary>The first rule <paramref name="f"/> breaks, in the documented order, or null when it is valid.</summary>
    public static KwsmFrontendViolation? Check(KwsmFrontend f)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (f.Kind > (byte)KwsmFrontendKind.MicroSpeech) return new(OffKind, $"kind {f.Kind} unknown; must be 0..3");
        if (f.NumFrames < 1 || f.NumCoeffs < 1) return new(OffNumCoeffs, $"num_frames {f.NumFrames} / num_coeffs {f.NumCoeffs} must be >= 1");
        if (!(f.InputScale > 0) || !float.IsFinite(f.InputScale)) return new(OffInputScale, $"input_scale {f.InputScale} must be finite and > 0");
        if (f.InputZeroPoint is < -128 or > 127) return new(OffInputZeroPoint, $"input_zero_point {f.InputZeroPoint} outside -128..127");
        if (f.Kind == (byte)KwsmFrontendKind.None) return null;
        if (f.Window != WindowHann) return new(OffWindow, $"window {f.Window} unknown; must be 1 (Hann)");
        if (f.SampleScaling > ScalingPeak) return new(OffSampleScaling, $"sample_scaling {f.SampleScaling} unknown; must be 0 or 1");
        if (f.LogMode > LogEpsilon) return new(OffLogMode, $"log_mode {f.LogMode} unknown; must be 0 or 1");
        if (f.Spectrum > SpectrumPower) return new(OffSpectrum, $"spectrum {f.Spectrum} unknown; must be 0 or 1");
        if (f.MelFormula != MelHtk) return new(OffMelFormula, $"mel_formula {f.MelFormula} unknown; must be 0");
        if (f.Dct > DctTensorFlow) return new(OffDct, $"dct {f.Dct} unknown; must be 0 or 1");
        if (f.SampleRate is < SampleRateMin or > SampleRateMax) return new(OffSampleRate, $"sample_rate {f.SampleRate} outside {SampleRateMin}..{SampleRateMax}");
        if (f.FftSize is < FftMin or > FftMax || !BitOperations.IsPow2(f.FftSize)) return new(OffFftSize, $"fft_size {f.FftSize} must be a power of two in {FftMin}..{FftMax}");
        if (f.FrameLength < FrameLengthMin || f.FrameLength > f.FftSize) return new(OffFrameLength, $"frame_length {f.FrameLength} must be {FrameLengthMin}..fft_size {f.FftSize}");
        if (f.FrameHop < 1 || f.FrameHop > f.FrameLength) return new(OffFrameHop, $"frame_hop {f.FrameHop} must be 1..frame_length {f.FrameLength}");
        if (f.MelBins < 1 || f.MelBins > MelBinsMax || f.NumCoeffs > f.MelBins) return new(OffMelBins, $"mel_bins {f.MelBins} must be 1..{MelBinsMax} and >= num_coeffs {f.NumCoeffs}");
        if (!(f.MelLowHz >= 0) || !(f.MelHighHz > f.MelLowHz) || !(f.MelHighHz <= 0.5f * f.SampleRate))
        {
            return new(OffMelLowHz, $"mel range {f.MelLowHz}..{f.MelHighHz} Hz must satisfy 0 <= low < high <= sample_rate/2 ({0.5f * f.SampleRate})");
        }
        return null;
    }

    /// <summary>Throws <see cref="KwsmFormatException"/> (<see cref="KwsmError.Frontend"/>) naming <paramref name="source"/> when <paramref name="f"/> breaks a rule.</summary>
    public static void Validate(KwsmFrontend f, string source)
    {
        var v = Check(f);
        if (v != null)
        {
            throw new KwsmFormatException(KwsmError.Frontend, $"{source}: front-end descriptor ({f.Preset}): {v.Problem}");
        }
    }

    /// <summary>
    /// Validates <paramref name="f"/> and requires a kind the front-ends compute (1, 2); otherwise a
    /// <see cref="KwsNanoException"/> saying so (kind 0 takes features from the caller, 3 is micro_speech).
    /// </summary>
    public static void RequireComputed(KwsmFrontend f, string source)
    {
        Validate(f, source);
        if (!IsComputed(f.Kind))
        {
            throw new KwsNanoException($"{source}: front-end kind {f.Kind} ({f.Preset}) is not computed from audio by this tool or the device (only kinds 1 Arm MFCC and 2 MLPerf Tiny MFCC)");
        }
    }
}
