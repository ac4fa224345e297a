using KwsNano.Catalog;

namespace KwsNano.Tests.Models;

public class CatalogTests
{
    [Fact]
    public void CatalogCoversEverySupportedSharedModelWithItsSha256()
    {
        var catalog = ModelCatalog.Default;
        var files = Directory.EnumerateFiles(TestData.ModelsDir, "*.tflite", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestData.ModelsDir, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("unsupported/"))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        // every shared model is in the catalog; catalog models the shared data lacks (MLPerf Tiny's) are only
        // checked for their form here
        Assert.Empty(files.Except(catalog.Entries.Select(e => e.File)));
        foreach (var e in catalog.Entries)
        {
            if (files.Contains(e.File))
            {
                Assert.Equal(ModelFetcher.Sha256Of(TestData.ModelPath(e.File)), e.Sha256);
            }
            Assert.Matches("^[0-9a-f]{64}$", e.Sha256);
            Assert.StartsWith("https://raw.githubusercontent.com/" + e.Repository + "/", e.Url);
            Assert.EndsWith("/" + e.Path, e.Url);
            Assert.Equal("Apache-2.0", e.License);
            Assert.Contains(e.Labels.Count, new[] { 4, 12 });
        }
        Assert.Equal(93.11, catalog.Find("ds_cnn_s")!.Accuracy);
        Assert.Equal("down", catalog.Find("micronet_m")!.Labels[0]);
        Assert.Equal(catalog.Find("ds_cnn_s"), catalog.FindBySha256("0F235D3602308653FCDB50D73462080DEC73F21473B4856F05F307D0EB24CA1A"));
    }

    [Fact]
    public void FetchFromMirrorVerifiesAndCaches()
    {
        string cache = TestData.NewTempDir();
        var log = new List<string>();
        var fetcher = new ModelFetcher(cache, TestData.ModelsDir, log.Add);
        var entry = ModelCatalog.Default.Find("mlex_dnn_s")!;
        string path = fetcher.Fetch(entry);
        Assert.Equal(Path.Combine(cache, "ml-examples", "dnn_s.tflite"), path);
        Assert.Equal(entry.Sha256, ModelFetcher.Sha256Of(path));
        Assert.Contains(log, l => l.Contains("verified sha256"));
        log.Clear();
        Assert.Equal(path, fetcher.Fetch(entry));
        Assert.Contains(log, l => l.Contains("cached"));
        Directory.Delete(cache, true);
    }

    [Fact]
    public void TamperedMirrorCopyFailsWithSha256Message()
    {
        string mirror = TestData.NewTempDir();
        string cache = TestData.NewTempDir();
        var entry = ModelCatalog.Default.Find("micro_speech")!;
        byte[] bytes = File.ReadAllBytes(TestData.ModelPath(entry.File));
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(Path.Combine(mirror, entry.File), bytes);
        var e = Assert.Throws<ModelFetchException>(() => new ModelFetcher(cache, mirror).Fetch(entry));
        Assert.Contains("sha256 mismatch for micro_speech.tflite", e.Message);
        Assert.Contains("expected " + entry.Sha256, e.Message);
        Assert.Contains("actual " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), e.Message);
        Assert.False(File.Exists(Path.Combine(cache, entry.File)));
        Directory.Delete(mirror, true);
        Directory.Delete(cache, true);
    }

    [Fact]
    public void MissingMirrorFileIsNamed()
    {
        string mirror = TestData.NewTempDir();
        var e = Assert.Throws<ModelFetchException>(() => new ModelFetcher(TestData.NewTempDir(), mirror).Fetch(ModelCatalog.Default.Find("ds_cnn_s")!));
        Assert.Equal($"ds_cnn_s: mirror {mirror} has no ds_cnn_s.tflite", e.Message);
    }

    [Fact]
    public void OfflineDownloadGivesAClearError()
    {
        var handler = new FailingHandler();
        var e = Assert.Throws<ModelFetchException>(() => new ModelFetcher(TestData.NewTempDir(), null, null, handler, useEnvironment: false).Fetch(ModelCatalog.Default.Find("ds_cnn_s")!));
        Assert.Contains("cannot download https://raw.githubusercontent.com/ARM-software/ML-zoo/", e.Message);
        Assert.Contains("--mirror", e.Message);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void CacheInsideTheRepositoryIsRefused()
    {
        var e = Assert.Throws<ModelFetchException>(() => new ModelFetcher(Path.Combine(TestData.RepoRoot, "models", "cache"), TestData.ModelsDir).Fetch(ModelCatalog.Default.Find("ds_cnn_s")!));
        Assert.Contains("inside the repository", e.Message);
        Assert.False(Directory.Exists(Path.Combine(TestData.RepoRoot, "models", "cache")));
    }

    [Fact]
    public void DownloadIsVerifiedAndStored()
    {
        var entry = ModelCatalog.Default.Find("micro_speech")!;
        byte[] bytes = File.ReadAllBytes(TestData.ModelPath(entry.File));
        string cache = TestData.NewTempDir();
        var handler = new BytesHandler(System.Net.HttpStatusCode.OK, bytes);
        string path = new ModelFetcher(cache, null, null, handler, useEnvironment: false).Fetch(entry);
        Assert.Equal(entry.Url, handler.LastUri);
        Assert.Equal(bytes, File.ReadAllBytes(path));

        var notFound = new BytesHandler(System.Net.HttpStatusCode.NotFound, Array.Empty<byte>());
        var e = Assert.Throws<ModelFetchException>(() => new ModelFetcher(TestData.NewTempDir(), null, null, notFound, useEnvironment: false).Fetch(entry));
        Assert.Equal($"micro_speech: download of {entry.Url} failed: HTTP 404 Not Found", e.Message);
        Directory.Delete(cache, true);
    }

    private sealed class BytesHandler(System.Net.HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public string? LastUri;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri!.ToString();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body), ReasonPhrase = status == System.Net.HttpStatusCode.OK ? "OK" : "Not Found" });
        }
    }

    private sealed class FailingHandler : HttpMessageHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            throw new HttpRequestException("Name or service not known (raw.githubusercontent.com:443)");
        }
    }
}
