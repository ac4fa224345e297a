using KwsNano.Conversion;
using KwsNano.Kwsm;

namespace KwsNano.Tests.KwsmFormat;

/// <summary>Converted shared models, cached per test run.</summary>
public static class KwsmTestModels
{
    private static readonly Dictionary<string, byte[]> Cache = new();

    /// <summary>The .kwsm bytes of a shared .tflite (default options, catalog labels when known).</summary>
    public static byte[] Blob(string relative)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(relative, out var blob))
            {
                blob = ModelLoader.Load(TestData.ModelPath(relative)).Blob;
                Cache[relative] = blob;
            }
            return (byte[])blob.Clone();
        }
    }
}
