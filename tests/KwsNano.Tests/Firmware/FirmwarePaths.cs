namespace KwsNano.Tests.Firmware;

/// <summary>Locations the firmware tests read: the repository and the shared test data (KWS_SHARED or ../shared).</summary>
internal static class FirmwarePaths
{
    /// <summary>Repository root (the folder holding KwsNano.sln).</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Shared test data folder.</summary>
    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("KWS_SHARED");
            return !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
        }
    }

    /// <summary>A path below the repository root.</summary>
    public static string Repo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KwsNano.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (KwsNano.sln) not found above " + AppContext.BaseDirectory);
    }
}
