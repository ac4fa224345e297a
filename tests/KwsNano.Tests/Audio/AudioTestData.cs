namespace KwsNano.Tests.Audio;

/// <summary>Locates ../shared (env KWS_SHARED, else the folder beside the repository root).</summary>
internal static class AudioTestData
{
    public static string SharedDir
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("KWS_SHARED");
            if (!string.IsNullOrEmpty(env))
            {
                return env;
            }
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "KwsNano.sln")))
            {
                dir = dir.Parent;
            }
            if (dir == null)
            {
                throw new InvalidOperationException("repository root (KwsNano.sln) not found above " + AppContext.BaseDirectory);
            }
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        }
    }

    public static string Recording(string name) => Path.Combine(SharedDir, "audio", "recordings", name);

    /// <summary>The golden MFCC of the first 640 samples of recordings/yes.wav (frontend.md).</summary>
    public static readonly double[] GoldenYes =
        [-22.67135, -0.61615, 2.07233, 0.58137, 1.01655, 0.85816, 0.46039, 0.03393, 1.16511, 0.0072];
}
