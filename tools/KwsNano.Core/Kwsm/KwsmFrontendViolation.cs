namespace KwsNano.Kwsm;

/// <summary>The first descriptor rule a front-end descriptor breaks.</summary>
/// <param name="FieldOffset">Offset of the offending field inside the 64-byte descriptor record.</param>
/// <param name="Problem">What is wrong, e.g. "mel_bins 129 must be 1..128 and >= num_coeffs 10".</param>
public sealed record KwsmFrontendViolation(int FieldOffset, string Problem);
