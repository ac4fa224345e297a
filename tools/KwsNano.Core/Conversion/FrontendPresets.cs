using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>Front-end descriptor presets by name (facts: ../shared/docs/frontend.md, docs/frontend.md). The one place descriptors are built.</summary>
public static class FrontendPresets
{
    public const string ArmMfcc49x10 = "arm-mfcc-49x10";
    public const string ArmMfcc25x10 = "arm-mfcc-25x10";
    /// <summary>
    /// Arm MFCC 49 x 10 on audio divided by its peak |sample| over the 1 s window (MLPerf Tiny's
    /// scaling) instead of by 32768: what MicroNet was trained on (docs/frontend.md).
    /// </summary>
    public const string ArmMfccPeak = "arm-mfcc-peak";
    public const string MlperfTiny = "mlperf-tiny";
    public const string MicroSpeech = "micro-speech";
    public const string None = "none";

    /// <summary>Every preset name.</summary>
    public static IReadOnlyList<string> Names { get; } = new[] { ArmMfcc49x10, ArmMfcc25x10, ArmMfccPeak, MlperfTiny, MicroSpeech, None };

    /// <summary>Default preset for a model input of <paramref name="inputElements"/> elements.</summary>
    public static string DefaultFor(int inputElements) => inputElements switch
    {
        490 => ArmMfcc49x10,
        250 => ArmMfcc25x10,
        1960 => MicroSpeech,
        _ => None,
    };

    /// <summary>
    /// Builds the descriptor of preset <paramref name="name"/> for an input tensor of dims <paramref name="inputDims"/>
    /// quantised with (<paramref name="scale"/>, <paramref name="zeroPoint"/>). Throws <see cref="ConversionException"/> for an
    /// unknown preset or one whose frames x coefficients differ from the input element count.
    /// </summary>
    public static KwsmFrontend Create(string name, int[] inputDims, float scale, int zeroPoint, string sourceName)
    {
        int elements = inputDims.Aggregate(1, (a, d) => a * d);
        KwsmFrontend f = name switch
        {
            ArmMfcc49x10 => Arm(320, 49),
            ArmMfcc25x10 => Arm(640, 25),
            ArmMfccPeak => Arm(320, 49) with { SampleScaling = 1, Preset = ArmMfccPeak },
            MlperfTiny => new KwsmFrontend
            {
                Kind = 2, Window = 1, SampleScaling = 1, LogMode = 1, SampleRate = 16000, FrameLength = 480, FrameHop = 320,
                FftSize = 512, MelBins = 40, MelLowHz = 20, MelHighHz = 4000, NumCoeffs = 10, NumFrames = 49,
                Spectrum = 0, MelFormula = 0, Dct = 1, Preset = MlperfTiny,
            },
            MicroSpeech => new KwsmFrontend
            {
                Kind = 3, Window = 1, SampleScaling = 0, LogMode = 0, SampleRate = 16000, FrameLength = 480, FrameHop = 320,
                FftSize = 512, MelBins = 40, MelLowHz = 125, MelHighHz = 7500, NumCoeffs = 40, NumFrames = 49,
                Spectrum = 0, MelFormula = 0, Dct = 0, Preset = MicroSpeech,
            },
            None => NoneFor(inputDims),
            _ => throw new ConversionException($"{sourceName}: unknown front-end preset '{name}' (known: {string.Join(", ", Names)})"),
        };
        if (f.NumFrames > 65535 || f.NumCoeffs > 65535)
        {
            throw new ConversionException($"{sourceName}: model input [{string.Join(",", inputDims)}] cannot be described as frames x coefficients below 65536; reshape the input to [1,H,W,C]");
        }
        if (f.NumFrames * f.NumCoeffs != elements)
        {
            throw new ConversionException(
                $"{sourceName}: front-end preset '{name}' gives {f.NumFrames} x {f.NumCoeffs} = {f.NumFrames * f.NumCoeffs} features but the model input [{string.Join(",", inputDims)}] has {elements} elements");
        }
        return f with { InputScale = scale, InputZeroPoint = zeroPoint };
    }

    private static KwsmFrontend Arm(int hop, int frames) => new()
    {
        Kind = 1, Window = 1, SampleScaling = 0, LogMode = 0, SampleRate = 16000, FrameLength = 640, FrameHop = hop,
        FftSize = 1024, MelBins = 40, MelLowHz = 20, MelHighHz = 4000, NumCoeffs = 10, NumFrames = frames,
        Spectrum = 0, MelFormula = 0, Dct = 0, Preset = hop == 320 ? ArmMfcc49x10 : ArmMfcc25x10,
    };

    /// <summary>Kind 0: rows x columns from the input shape ([1,H,W,C] -> H x W*C; otherwise 1 x elements).</summary>
    private static KwsmFrontend NoneFor(int[] dims)
    {
        int elements = dims.Aggregate(1, (a, d) => a * d);
        int rows = dims.Length == 4 ? dims[1] : 1;
        return new KwsmFrontend { Kind = 0, NumFrames = rows, NumCoeffs = elements / rows, Preset = None };
    }
}
