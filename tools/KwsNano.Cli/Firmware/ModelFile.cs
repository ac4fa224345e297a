namespace KwsNano.Cli.Firmware;

/// <summary>Loads a model for the virtual board: a .kwsm blob as written by <c>kwsnano convert</c>.</summary>
public static class ModelFile
{
    /// <summary>The .kwsm bytes of <paramref name="path"/>.</summary>
    /// <exception cref="CliException">Missing file or not a .kwsm blob.</exception>
    public static byte[] Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"model {path}: file not found");
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 4 && bytes[0] == 'K' && bytes[1] == 'W' && bytes[2] == 'S' && bytes[3] == 'M')
        {
            return bytes;
        }
        throw new CliException($"model {path}: not a .kwsm blob (convert the .tflite first: kwsnano convert)");
    }
}
