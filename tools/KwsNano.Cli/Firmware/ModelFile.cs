using KwsNano.Conversion;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// Loads a model for the virtual board: a .kwsm blob, or a .tflite converted in memory exactly as
/// <c>kwsnano convert</c> does (labels and front-end from the catalog entry matching its sha256).
/// </summary>
public static class ModelFile
{
    /// <summary>The .kwsm bytes for <paramref name="path"/>.</summary>
    /// <exception cref="KwsNanoException">Missing file, a directory, too large, invalid .kwsm, or a .tflite that cannot be converted.</exception>
    public static byte[] Load(string path)
    {
        KwsNano.IO.FileChecks.RequireInputFile(path, KwsNano.IO.FileChecks.MaxModelBytes, "model");
        return CliModelSource.Guard(() => ModelLoader.Load(path)).Blob;
    }
}
