using System.Text.Json;

namespace KwsNano.Catalog;

/// <summary>The model catalog (models/catalog.json, embedded in the assembly).</summary>
public sealed class ModelCatalog
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly Lazy<ModelCatalog> Embedded = new(LoadEmbedded);

    /// <summary>Entries in catalog order.</summary>
    public required IReadOnlyList<CatalogEntry> Entries { get; init; }

    /// <summary>The catalog built into the tool.</summary>
    public static ModelCatalog Default => Embedded.Value;

    /// <summary>Parses a catalog JSON document.</summary>
    public static ModelCatalog Parse(string json)
    {
        var doc = JsonSerializer.Deserialize<CatalogDocument>(json, Json) ?? throw new InvalidDataException("empty catalog");
        return new ModelCatalog { Entries = doc.Models };
    }

    /// <summary>The entry with id <paramref name="id"/> (case-insensitive), or null.</summary>
    public CatalogEntry? Find(string id) => Entries.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entry whose sha256 is <paramref name="sha256"/>, or null.</summary>
    public CatalogEntry? FindBySha256(string sha256) => Entries.FirstOrDefault(e => string.Equals(e.Sha256, sha256, StringComparison.OrdinalIgnoreCase));

    private static ModelCatalog LoadEmbedded()
    {
        using var s = typeof(ModelCatalog).Assembly.GetManifestResourceStream("KwsNano.catalog.json")
            ?? throw new InvalidOperationException("embedded catalog.json missing");
        using var r = new StreamReader(s);
        return Parse(r.ReadToEnd());
    }

    private sealed class CatalogDocument
    {
        public int Version { get; set; }
        public List<CatalogEntry> Models { get; set; } = new();
    }
}
