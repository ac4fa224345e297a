using System.Security.Cryptography;

namespace KwsNano.Catalog;

/// <summary>
/// Gets catalog models into a local cache: from a mirror folder (same layout as ../shared/models; option or
/// KWSNANO_MODEL_MIRROR) or by downloading the public URL, always verifying sha256. Refuses a cache inside
/// the KwsNano repository so model files never land in the repo.
/// </summary>
public sealed class ModelFetcher
{
    /// <summary>Environment variable naming a mirror folder.</summary>
    public const string MirrorEnvironmentVariable = "KWSNANO_MODEL_MIRROR";

    /// <summary>
    /// Creates a fetcher. <paramref name="mirrorDir"/> null = KWSNANO_MODEL_MIRROR when
    /// <paramref name="useEnvironment"/>, else download. <paramref name="http"/> replaces the network (tests).
    /// </summary>
    public ModelFetcher(string? cacheDir = null, string? mirrorDir = null, Action<string>? progress = null, HttpMessageHandler? http = null, bool useEnvironment = true)
    {
        CacheDir = Path.GetFullPath(cacheDir ?? DefaultCacheDir);
        var env = useEnvironment ? Environment.GetEnvironmentVariable(MirrorEnvironmentVariable) : null;
        MirrorDir = mirrorDir ?? (string.IsNullOrEmpty(env) ? null : env);
        _progress = progress ?? (_ => { });
        _http = http;
    }

    private readonly Action<string> _progress;
    private readonly HttpMessageHandler? _http;

    /// <summary>~/.cache/kwsnano/models.</summary>
    public static string DefaultCacheDir =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kwsnano", "models");

    public string CacheDir { get; }
    public string? MirrorDir { get; }

    /// <summary>Cache path of <paramref name="entry"/> (whether or not it exists).</summary>
    public string CachePath(CatalogEntry entry) => Path.Combine(CacheDir, entry.File.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Lower-case hex sha256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(s)).ToLowerInvariant();
    }

    /// <summary>The verified cached file of <paramref name="entry"/>, fetching it first when missing or damaged.</summary>
    public string Fetch(CatalogEntry entry)
    {
        RefuseRepoCache();
        string target = CachePath(entry);
        if (File.Exists(target))
        {
            if (Sha256Of(target) == entry.Sha256.ToLowerInvariant())
            {
                _progress($"{entry.Id}: cached {target}");
                return target;
            }
            _progress($"{entry.Id}: cached copy {target} fails its sha256 check; fetching again");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temp = target + ".part";
        try
        {
            if (MirrorDir != null)
            {
                string source = Path.Combine(MirrorDir, entry.File.Replace('/', Path.DirectorySeparatorChar));
                if (!File.Exists(source))
                {
                    throw new ModelFetchException($"{entry.Id}: mirror {MirrorDir} has no {entry.File}");
                }
                _progress($"{entry.Id}: copying {source}");
                File.Copy(source, temp, overwrite: true);
            }
            else
            {
                Download(entry, temp);
            }
            string actual = Sha256Of(temp);
            if (actual != entry.Sha256.ToLowerInvariant())
            {
                throw new ModelFetchException($"{entry.Id}: sha256 mismatch for {entry.File}: expected {entry.Sha256}, actual {actual}");
            }
            File.Move(temp, target, overwrite: true);
            _progress($"{entry.Id}: verified sha256 {actual[..12]}..., stored {target}");
            return target;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private void Download(CatalogEntry entry, string temp)
    {
        _progress($"{entry.Id}: downloading {entry.Url}");
        try
        {
            using var client = _http != null ? new HttpClient(_http, disposeHandler: false) : new HttpClient();
            client.Timeout = TimeSpan.FromSeconds(60);
            using var response = client.GetAsync(entry.Url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelFetchException($"{entry.Id}: download of {entry.Url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            using var input = response.Content.ReadAsStream();
            using var output = File.Create(temp);
            input.CopyTo(output);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new ModelFetchException(
                $"{entry.Id}: cannot download {entry.Url} ({e.Message}); offline? use --mirror DIR or set {MirrorEnvironmentVariable}", e);
        }
    }

    private void RefuseRepoCache()
    {
        for (var dir = new DirectoryInfo(CacheDir); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KwsNano.sln")))
            {
                throw new ModelFetchException($"cache directory {CacheDir} is inside the repository {dir.FullName}; model files must not be stored in a repository");
            }
        }
    }
}
