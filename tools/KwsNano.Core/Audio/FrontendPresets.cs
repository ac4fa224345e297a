using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>The front-end descriptors of the reference models (facts: ../shared/docs/frontend.md).</summary>
public static class FrontendPresets
{
    /// <summary>Arm MFCC (DS-CNN, CNN, MicroNet: 49 x 10, hop 320; DNN: 25 x 10, hop 640).</summary>
    public static KwsmFrontend ArmMfcc(int numFrames, int hop, float inputScale, int inputZeroPoint) => new()
    {
        Kind = 1, Window = 1, SampleScaling = 0, LogMode = 0, SampleRate = 16000,
        FrameLength = 640, FrameHop = hop, FftSize = 1024, MelBins = 40, MelLowHz = 20, MelHighHz = 4000,
        NumCoeffs = 10, NumFrames = numFrames, InputScale = inputScale, InputZeroPoint = inputZeroPoint,
        Spectrum = 0, MelFormula = 0, Dct = 0, Preset = numFrames == 25 ? "arm-mfcc-25x10" : "arm-mfcc-49x10",
    };

    /// <summary>MLPerf Tiny reference DS-CNN: frame 480, hop 320, FFT 512, peak-normalised, ln(mel + 1e-6).</summary>
    public static KwsmFrontend MlperfTiny(float inputScale, int inputZeroPoint) => new()
    {
        Kind = 2, Window = 1, SampleScaling = 1, LogMode = 1, SampleRate = 16000,
        FrameLength = 480, FrameHop = 320, FftSize = 512, MelBins = 40, MelLowHz = 20, MelHighHz = 4000,
        NumCoeffs = 10, NumFrames = 49, InputScale = inputScale, InputZeroPoint = inputZeroPoint,
        Spectrum = 0, MelFormula = 0, Dct = 1, Preset = "mlperf-tiny",
    };
}
