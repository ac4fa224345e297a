namespace KwsNano.Cli.CortexM;

/// <summary>A model to benchmark: a short name (C identifier) and its .tflite file.</summary>
/// <param name="Name">Name used for targets and in the report.</param>
/// <param name="Path">The .tflite model.</param>
public sealed record BenchModelSpec(string Name, string Path)
{
    /// <summary>
    /// The default set: the shared reference models (ML-zoo DS-CNN-S, MicroNet-M; ML-examples DS-CNN, CNN, DNN S and M),
    /// each from <paramref name="sharedDir"/>/models when it is there, else from the model cache (the names are
    /// catalog ids: <c>kwsnano models fetch ds_cnn_s</c> puts one there). A null <paramref name="sharedDir"/> (an
    /// installed tool outside a checkout) uses the cache only.
    /// </summary>
    public static IReadOnlyList<BenchModelSpec> Defaults(string? sharedDir, string? cacheDir = null)
    {
        var fetcher = new KwsNano.Catalog.ModelFetcher(cacheDir, useEnvironment: false);
        return SharedDefaults(sharedDir ?? "").Select(spec =>
        {
            if (sharedDir != null && File.Exists(spec.Path))
            {
                return spec;
            }
            var entry = KwsNano.Catalog.ModelCatalog.Default.Find(spec.Name);
            return entry == null ? spec : spec with { Path = fetcher.CachePath(entry) };
        }).ToList();
    }

    private static IReadOnlyList<BenchModelSpec> SharedDefaults(string sharedDir)
    {
        var models = System.IO.Path.Combine(sharedDir, "models");
        var ex = System.IO.Path.Combine(models, "ml-examples");
        return
        [
            new("ds_cnn_s", System.IO.Path.Combine(models, "ds_cnn_s.tflite")),
            new("micronet_m", System.IO.Path.Combine(models, "micronet_m.tflite")),
            new("mlex_ds_cnn_s", System.IO.Path.Combine(ex, "ds_cnn_s.tflite")),
            new("mlex_cnn_s", System.IO.Path.Combine(ex, "cnn_s.tflite")),
            new("mlex_dnn_s", System.IO.Path.Combine(ex, "dnn_s.tflite")),
            new("mlex_ds_cnn_m", System.IO.Path.Combine(ex, "ds_cnn_m.tflite")),
            new("mlex_cnn_m", System.IO.Path.Combine(ex, "cnn_m.tflite")),
            new("mlex_dnn_m", System.IO.Path.Combine(ex, "dnn_m.tflite")),
        ];
    }

    /// <summary>
    /// Resolves <c>--models</c> entries: a default name (ds_cnn_s, mlex_cnn_m ...), or a path to a .tflite file
    /// (named after the file, prefixed to stay a C identifier).
    /// </summary>
    /// <exception cref="CliException">An entry is neither a known name nor an existing file.</exception>
    public static IReadOnlyList<BenchModelSpec> Resolve(IReadOnlyList<string> entries, string? sharedDir, string? cacheDir = null)
    {
        var defaults = Defaults(sharedDir, cacheDir);
        if (entries.Count == 0)
        {
            // Outside a checkout, the defaults are whichever catalog models the cache holds.
            var present = sharedDir == null ? defaults.Where(d => File.Exists(d.Path)).ToList() : defaults;
            if (present.Count == 0)
            {
                throw new CliException("bench: no model to benchmark: fetch one (kwsnano models fetch ds_cnn_s) or pass --models FILE.tflite");
            }
            entries = present.Select(d => d.Name).ToList();
        }
        var result = new List<BenchModelSpec>();
        foreach (var entry in entries.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var known = defaults.FirstOrDefault(d => d.Name == entry);
            if (known != null)
            {
                result.Add(known);
                continue;
            }
            if (File.Exists(entry))
            {
                var stem = new string(System.IO.Path.GetFileNameWithoutExtension(entry).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
                if (stem.Length == 0 || char.IsAsciiDigit(stem[0]))
                {
                    stem = "m_" + stem;
                }
                if (result.Any(r => r.Name == stem))
                {
                    throw new CliException($"--models: two models are named '{stem}'");
                }
                result.Add(new BenchModelSpec(stem, System.IO.Path.GetFullPath(entry)));
                continue;
            }
            throw new CliException($"--models: '{entry}' is neither a known model ({string.Join(", ", defaults.Select(d => d.Name))}) nor an existing .tflite file");
        }
        foreach (var spec in result)
        {
            if (!File.Exists(spec.Path))
            {
                throw new CliException(defaults.Any(d => d.Name == spec.Name)
                    ? $"model {spec.Name}: file not found: {spec.Path} (fetch it with: kwsnano models fetch {spec.Name}; the shared test data, when present, is read from KWS_SHARED or ../shared)"
                    : $"model {spec.Name}: file not found: {spec.Path}");
            }
        }
        return result;
    }
}
