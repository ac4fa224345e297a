using KwsNano.Catalog;
using KwsNano.Cli;
using KwsNano.Cli.CortexM;
using KwsNano.Native;

namespace KwsNano.Tests.Cli;

/// <summary>
/// What the installed tool (no checkout around it) relies on: the platform folder of the packaged native engine, and
/// bench's models from the user's cache. scripts/test-stages/45-package.sh installs the real package and runs it.
/// </summary>
public class InstalledToolTests
{
    [Fact]
    public void PlatformRidIsThePackageFolderOfThisMachine()
    {
        string expectedOs = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        string? rid = NativeLibraryLoader.PlatformRid;
        Assert.NotNull(rid);
        Assert.StartsWith(expectedOs + "-", rid);
        Assert.Contains(rid, new[] { "linux-x64", "linux-arm64", "win-x64", "osx-arm64", "osx-x64", "linux-arm", "win-arm64", "linux-x86", "win-x86" });
    }

    [Fact]
    public void BenchDefaultsComeFromTheModelCacheOutsideACheckout()
    {
        string cache = Directory.CreateTempSubdirectory("kwsnano-bench-cache").FullName;
        try
        {
            var entry = ModelCatalog.Default.Find("ds_cnn_s")!;
            string cached = new ModelFetcher(cache, useEnvironment: false).CachePath(entry);
            Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
            File.Copy(TestData.ModelPath("ds_cnn_s.tflite"), cached);

            var specs = BenchModelSpec.Resolve([], sharedDir: null, cacheDir: cache);
            var only = Assert.Single(specs); // only what the cache holds
            Assert.Equal("ds_cnn_s", only.Name);
            Assert.Equal(cached, only.Path);
            Assert.Equal(cached, Assert.Single(BenchModelSpec.Resolve(["ds_cnn_s"], null, cache)).Path);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void BenchWithAnEmptyCacheSaysHowToFetchAModel()
    {
        string cache = Directory.CreateTempSubdirectory("kwsnano-bench-empty").FullName;
        try
        {
            var none = Assert.Throws<CliException>(() => BenchModelSpec.Resolve([], null, cache));
            Assert.Contains("kwsnano models fetch ds_cnn_s", none.Message);
            var named = Assert.Throws<CliException>(() => BenchModelSpec.Resolve(["micronet_m"], null, cache));
            Assert.Contains("kwsnano models fetch micronet_m", named.Message);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void InsideACheckoutBenchBuildsUnderTheRepository()
    {
        var engine = EngineSources.Find("bench");
        Assert.False(engine.Installed);
        Assert.True(File.Exists(Path.Combine(engine.Root, "kernels-native", "cortex-m", "CMakeLists.txt")));
        Assert.Equal(Path.Combine(engine.Root, "build", "cortex-m-bench-m4"), engine.BuildDir("cortex-m-bench-m4"));
    }
}
