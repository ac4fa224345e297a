using KwsNano.Conversion;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// Loads a model for the virtual board: a .kwsm blob, or a .tflite converted in memory exactly as
/// <c>kwsnano convert</c> does (labels and front-end from the catalog entry matching its sha256).
/// </summary>
public static class ModelFile
{
    /// <summary>The .kwsm bytes for <paramref name="path"/>.</summary>
    /// <exception cref="CliException">Missing file, invalid .kwsm, or a .tflite that cannot be converted.</exception>
    public static byte[] Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"model {path}: file not found");
        }
        return CliModelSource.Guard(() => ModelLoader.Load(path)).Blob;
    }
}
