using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KwsNano.Cli.Reporting;

/// <summary>
/// Results of <c>kwsnano report</c>'s slow steps (evaluation, benchmark) kept as JSON files in a folder, one per
/// key. A key names everything the result depends on (model bytes, data set, engine sources, options), so a
/// cached result is reused only when it would come out the same.
/// </summary>
public sealed class ReportCache
{
    private sealed record Entry<T>(string Key, T Value);

    /// <summary>Uses (and creates on first write) <paramref name="directory"/>.</summary>
    public ReportCache(string directory) => Directory = directory;

    /// <summary>~/.cache/kwsnano/report.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kwsnano", "report");

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The cached value of <paramref name="key"/>, if any (an unreadable file counts as missing).</summary>
    public bool TryGet<T>(string key, out T value)
    {
        value = default!;
        string path = PathOf(key);
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            var entry = JsonSerializer.Deserialize<Entry<T>>(File.ReadAllText(path));
            if (entry == null || entry.Key != key || entry.Value == null)
            {
                return false;
            }
            value = entry.Value;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Put<T>(string key, T value)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(key), JsonSerializer.Serialize(new Entry<T>(key, value)));
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();

    /// <summary>Hash of every file under <paramref name="roots"/> (relative path and content), in ordinal order.</summary>
    public static string HashTree(IEnumerable<string> roots)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var root in roots.Where(System.IO.Directory.Exists))
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, file) + "\n"));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    private string PathOf(string key) => Path.Combine(Directory, Hash(Encoding.UTF8.GetBytes(key))[..32] + ".json");
}
