using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KwsNano.Catalog;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano models list [--json]</c> and <c>kwsnano models fetch ID|all [--mirror DIR] [--cache DIR]</c>.</summary>
public static class ModelsCommand
{
    /// <summary>Creates the command with its two subcommands.</summary>
    public static Command Create(ICliConsole console)
    {
        var command = new Command("models", "List and fetch the catalog of published keyword models.");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Fetch(console));
        return command;
    }

    private static Command List(ICliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog as JSON." };
        var command = new Command("list", "List the catalog models.");
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var entries = ModelCatalog.Default.Entries;
            if (parse.GetValue(json))
            {
                console.Out.WriteLine(JsonSerializer.Serialize(entries, CliJson.Options));
                return 0;
            }
            var rows = new List<string[]> { new[] { "id", "architecture", "front-end", "classes", "accuracy", "sha256", "license" } };
            foreach (var e in entries)
            {
                rows.Add(new[]
                {
                    e.Id, e.Architecture, e.Frontend, e.Labels.Count.ToString(CultureInfo.InvariantCulture),
                    e.Accuracy is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-",
                    e.Sha256[..12], e.License,
                });
            }
            var width = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (var r in rows)
            {
                console.Out.WriteLine(string.Join("  ", r.Select((cell, c) => cell.PadRight(width[c]))).TrimEnd());
            }
            return 0;
        });
        return command;
    }

    private static Command Fetch(ICliConsole console)
    {
        var id = new Argument<string>("id") { Description = "Catalog model id, or 'all'." };
        var mirror = new Option<string?>("--mirror") { Description = "Copy from this folder (same layout as the shared models folder) instead of downloading; default $KWSNANO_MODEL_MIRROR." };
        var cache = new Option<string?>("--cache") { Description = "Cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("fetch", "Fetch catalog models into the cache, verifying sha256.");
        command.Arguments.Add(id);
        command.Options.Add(mirror);
        command.Options.Add(cache);
        command.SetAction(parse =>
        {
            string which = parse.GetValue(id)!;
            var catalog = ModelCatalog.Default;
            IReadOnlyList<CatalogEntry> entries = which == "all"
                ? catalog.Entries
                : new[] { catalog.Find(which) ?? throw new CliException($"{which}: not a catalog model id (see 'kwsnano models list')") };
            var fetcher = new ModelFetcher(parse.GetValue(cache), parse.GetValue(mirror), msg => console.Error.WriteLine(msg));
            for (int i = 0; i < entries.Count; i++)
            {
                console.Error.WriteLine($"[{i + 1}/{entries.Count}] {entries[i].Id}");
                string path = CliModelSource.Guard(() => fetcher.Fetch(entries[i]));
                console.Out.WriteLine($"{entries[i].Id} {path}");
            }
            return 0;
        });
        return command;
    }
}
