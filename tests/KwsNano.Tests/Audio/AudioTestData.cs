namespace KwsNano.Tests.Audio;

/// <summary>Front-end test facts (frontend.md) and descriptors; file locations come from <see cref="TestData"/>.</summary>
internal static class AudioTestData
{
    /// <summary>The Arm MFCC descriptor (49 x 10 or 25 x 10) with the given input quantisation.</summary>
    public static Kwsm.KwsmFrontend Arm(int frames, float scale, int zeroPoint) =>
        KwsNano.Conversion.FrontendPresets.Create(frames == 25 ? KwsNano.Conversion.FrontendPresets.ArmMfcc25x10 : KwsNano.Conversion.FrontendPresets.ArmMfcc49x10,
            [1, frames * 10], scale, zeroPoint, "test");

    /// <summary>A file of ../shared/audio/recordings.</summary>
    public static string Recording(string name) => TestData.AudioPath(Path.Combine("recordings", name));

    /// <summary>The golden MFCC of the first 640 samples of recordings/yes.wav (frontend.md).</summary>
    public static readonly double[] GoldenYes =
        [-22.67135, -0.61615, 2.07233, 0.58137, 1.01655, 0.85816, 0.46039, 0.03393, 1.16511, 0.0072];
}
