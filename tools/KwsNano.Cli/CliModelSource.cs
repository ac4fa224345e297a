using KwsNano.Catalog;
using KwsNano.Conversion;
using KwsNano.Kwsm;
using KwsNano.TFLite;

namespace KwsNano.Cli;

/// <summary>Shared by the model commands: resolves a MODEL argument (file or catalog id) and maps library errors to <see cref="CliException"/>.</summary>
public static class CliModelSource
{
    /// <summary>
    /// The file for <paramref name="model"/>: an existing path, or a catalog id fetched into the cache
    /// (from <paramref name="mirror"/> / KWSNANO_MODEL_MIRROR, or downloaded). Also returns the catalog entry if any.
    /// </summary>
    public static (string Path, CatalogEntry? Entry) Resolve(string model, string? mirror, string? cache, ICliConsole console)
    {
        if (File.Exists(model))
        {
            return (model, null);
        }
        if (string.IsNullOrEmpty(model) || Directory.Exists(model) || model.Contains('/') || model.Contains('\\') || Path.HasExtension(model))
        {
            // Looks like a path, not a catalog id: say what is wrong with it (directory, missing, missing parent).
            KwsNano.IO.FileChecks.RequireInputFile(model, KwsNano.IO.FileChecks.MaxModelBytes, "model");
        }
        var entry = ModelCatalog.Default.Find(model);
        if (entry == null)
        {
            throw new CliException($"{model}: no such file, and not a catalog model id (see 'kwsnano models list')");
        }
        var fetcher = new ModelFetcher(cache, mirror, msg => console.Error.WriteLine(msg));
        return (Guard(() => fetcher.Fetch(entry)), entry);
    }

    /// <summary>
    /// Runs <paramref name="body"/>, turning .NET file errors into one-line <see cref="CliException"/>s that name the
    /// file. Core's own user errors (<see cref="KwsNanoException"/>) pass through: <see cref="CliApp"/> prints them.
    /// </summary>
    public static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (FileNotFoundException e) when (e.FileName != null)
        {
            throw new CliException($"{e.FileName}: no such file", inner: e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new CliException(e.Message, inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e.Message, inner: e);
        }
    }

    /// <summary>Prints conversion warnings on stderr.</summary>
    public static void Warn(ICliConsole console, IEnumerable<string> warnings)
    {
        foreach (var w in warnings)
        {
            console.Error.WriteLine("warning: " + w);
        }
    }
}
