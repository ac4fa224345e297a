namespace KwsNano.TFLite;

/// <summary>A parsed .tflite model (the parts the converter needs).</summary>
public sealed class TfliteModel
{
    /// <summary>File name used in messages.</summary>
    public required string SourceName { get; init; }
    public uint Version { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<TfliteSubGraph> SubGraphs { get; init; }
    /// <summary>Buffer contents by index (empty array for an empty buffer).</summary>
    public required IReadOnlyList<byte[]> Buffers { get; init; }

    /// <summary>Constant data of <paramref name="tensor"/> or null when it has none (an activation).</summary>
    public byte[]? ConstantData(TfliteTensor tensor)
    {
        if (tensor.Buffer <= 0 || tensor.Buffer >= Buffers.Count)
        {
            return null;
        }
        var data = Buffers[tensor.Buffer];
        return data.Length == 0 ? null : data;
    }

    /// <summary>Reads a model from a file.</summary>
    public static TfliteModel Load(string path) => TfliteModelReader.Read(IO.FileChecks.ReadAllBytes(path, IO.FileChecks.MaxModelBytes, "model"), Path.GetFileName(path));
}
