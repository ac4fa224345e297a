namespace KwsNano.Catalog;

/// <summary>One published model: origin, checksum, label order, front-end preset, stated accuracy.</summary>
public sealed record CatalogEntry
{
    public required string Id { get; init; }
    /// <summary>Path relative to a mirror or cache root (same layout as ../shared/models), '/'-separated.</summary>
    public required string File { get; init; }
    public required string Architecture { get; init; }
    public required string Repository { get; init; }
    public required string Path { get; init; }
    public required string Url { get; init; }
    /// <summary>Lower-case hex sha256 of the file.</summary>
    public required string Sha256 { get; init; }
    public long Size { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Front-end preset name (see Conversion.FrontendPresets).</summary>
    public required string Frontend { get; init; }
    /// <summary>Publisher's stated top-1 accuracy in percent, or null.</summary>
    public double? Accuracy { get; init; }
    public string AccuracyNote { get; init; } = "";
    public required string License { get; init; }
}
