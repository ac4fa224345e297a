using KwsNano.Conversion;
using KwsNano.Kwsm;

namespace KwsNano.Tests.NativeHost;

/// <summary>Converted shared models for the native tests, converted once per test run.</summary>
internal static class NativeTestModels
{
    private static readonly Dictionary<string, (KwsmModel Model, byte[] Blob)> Cache = new();

    /// <summary>Every supported shared model (relative paths, not unsupported/), sorted.</summary>
    public static IEnumerable<object[]> Supported() =>
        Directory.EnumerateFiles(TestData.ModelsDir, "*.tflite", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "unsupported" + Path.DirectorySeparatorChar))
            .Select(f => Path.GetRelativePath(TestData.ModelsDir, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { f });

    /// <summary>The converted model and its .kwsm bytes.</summary>
    public static (KwsmModel Model, byte[] Blob) Get(string relative)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(relative, out var entry))
            {
                var model = TfliteConverter.ConvertFile(TestData.ModelPath(relative)).Model;
                entry = (model, KwsmWriter.Write(model));
                Cache[relative] = entry;
            }
            return (entry.Model, (byte[])entry.Blob.Clone());
        }
    }
}
