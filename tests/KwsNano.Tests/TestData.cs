namespace KwsNano.Tests;

/// <summary>
/// Locates the repository and the shared, read-only test data (<c>../shared</c> next to the repository
/// root, or the directory in the KWS_SHARED environment variable).
/// </summary>
public static class TestData
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The repository root (the directory holding KwsNano.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared data directory (KWS_SHARED or &lt;repo root&gt;/../shared).</summary>
    public static string SharedDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("KWS_SHARED");
            var dir = !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"shared test data not found at {dir} (set KWS_SHARED)");
            }
            return dir;
        }
    }

    /// <summary>../shared/models.</summary>
    public static string ModelsDir => Path.Combine(SharedDir, "models");

    /// <summary>A file under ../shared/models (e.g. "ds_cnn_s.tflite" or "ml-examples/cnn_s.tflite"); must exist.</summary>
    public static string ModelPath(string relative) => Existing(Path.Combine(ModelsDir, relative));

    /// <summary>A file under ../shared/audio; must exist.</summary>
    public static string AudioPath(string relative) => Existing(Path.Combine(SharedDir, "audio", relative));

    /// <summary>A new empty temporary directory (deleted by the OS; tests may delete it).</summary>
    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kwsnano-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Existing(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"shared test file missing: {path}", path);
        }
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KwsNano.sln")))
            {
                return dir.FullName;
            }
            dir = dir.Parent;
        }
        throw new DirectoryNotFoundException("repository root (KwsNano.sln) not found above " + AppContext.BaseDirectory);
    }
}
