using KwsNano.Catalog;
using KwsNano.Kwsm;
using KwsNano.TFLite;

namespace KwsNano.Conversion;

/// <summary>
/// Opens a model given as a .tflite or .kwsm path: a .tflite is converted (labels and front-end from the
/// options, else from the catalog entry whose sha256 matches, else defaults), a .kwsm is read and validated.
/// </summary>
public static class ModelLoader
{
    /// <summary>A loaded model with its blob and how it was obtained.</summary>
    public sealed record Loaded(string Name, KwsmModel Model, byte[] Blob, IReadOnlyList<string> Warnings, CatalogEntry? Entry);

    /// <summary>Loads <paramref name="path"/>; <paramref name="entry"/> (optional) supplies labels and front-end for a .tflite.</summary>
    public static Loaded Load(string path, ConversionOptions? options = null, CatalogEntry? entry = null)
    {
        string name = Path.GetFileName(path);
        // Header first: a .kwsm is checked before it is read whole; anything larger than a model is refused.
        bool kwsm = path.EndsWith(".kwsm", StringComparison.OrdinalIgnoreCase) || StartsWithKwsmMagic(path);
        byte[] bytes = kwsm ? KwsmReader.ReadFileBytes(path) : IO.FileChecks.ReadAllBytes(path, IO.FileChecks.MaxModelBytes, "model");
        if (kwsm)
        {
            var model = KwsmReader.Read(bytes, name);
            return new Loaded(name, model, bytes, Array.Empty<string>(), null);
        }
        entry ??= ModelCatalog.Default.FindBySha256(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant());
        options ??= new ConversionOptions();
        if (entry != null)
        {
            options = options with
            {
                Labels = options.Labels ?? entry.Labels,
                FrontendPreset = options.FrontendPreset ?? entry.Frontend,
            };
        }
        var result = TfliteConverter.Convert(TfliteModelReader.Read(bytes, name), options);
        var blob = KwsmWriter.Write(result.Model);
        return new Loaded(name, result.Model, blob, result.Warnings, entry);
    }

    private static bool StartsWithKwsmMagic(string path)
    {
        using var s = IO.FileChecks.OpenInput(path, long.MaxValue, "model");
        var magic = new byte[4];
        return s.Length >= 4 && s.Read(magic, 0, 4) == 4 && magic.AsSpan().SequenceEqual(KwsmLayout.MagicBytes);
    }
}
