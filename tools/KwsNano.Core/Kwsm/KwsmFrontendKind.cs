namespace KwsNano.Kwsm;

/// <summary>Front-end descriptor <c>kind</c> (C <c>kws_frontend_kind</c>).</summary>
public enum KwsmFrontendKind : byte
{
    /// <summary>Features supplied by the caller.</summary>
    None = 0,
    /// <summary>Arm ML-examples MFCC.</summary>
    ArmMfcc = 1,
    /// <summary>MLPerf Tiny MFCC.</summary>
    MlperfMfcc = 2,
    /// <summary>TFLM micro_speech: valid in a blob, not computed by the front-ends.</summary>
    MicroSpeech = 3,
}
