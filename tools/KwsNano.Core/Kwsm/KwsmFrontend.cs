namespace KwsNano.Kwsm;

/// <summary>Front-end descriptor (64 bytes in the blob): which features the model was trained on.</summary>
public sealed record KwsmFrontend
{
    /// <summary>0 none, 1 Arm MFCC, 2 MLPerf Tiny MFCC, 3 micro_speech.</summary>
    public byte Kind { get; init; }
    public byte Window { get; init; }
    public byte SampleScaling { get; init; }
    public byte LogMode { get; init; }
    public int SampleRate { get; init; }
    public int FrameLength { get; init; }
    public int FrameHop { get; init; }
    public int FftSize { get; init; }
    public int MelBins { get; init; }
    public float MelLowHz { get; init; }
    public float MelHighHz { get; init; }
    public int NumCoeffs { get; init; }
    public int NumFrames { get; init; }
    public float InputScale { get; init; }
    public int InputZeroPoint { get; init; }
    public byte Spectrum { get; init; }
    public byte MelFormula { get; init; }
    public byte Dct { get; init; }
    /// <summary>Preset name (at most 16 ASCII characters).</summary>
    public string Preset { get; init; } = "none";
}
