using System.CommandLine;
using System.Globalization;
using KwsNano.Catalog;
using KwsNano.Conversion;
using KwsNano.IO;
using KwsNano.Kwsm;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano convert MODEL [-o out.kwsm] [--c-source DIR] [--labels ...] [--frontend PRESET] [--catalog-id ID] [--memory speed|small] [--frontend-tables flash|ram]</c>.</summary>
public static class ConvertCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new ModelOption(positional: true, description: "A .tflite file or a catalog model id (fetched into the cache).");
        var output = new Option<string?>("--output", "-o") { Description = "Output .kwsm path (default: <model name>.kwsm in the current directory)." };
        var cSource = new Option<string?>("--c-source") { Description = "Also write <name>_kwsm.h and <name>_kwsm.c into this directory." };
        var labels = new Option<string?>("--labels") { Description = "Labels, index 0 first: a comma-separated list or a file (one per line)." };
        var frontend = ChoiceList.Of(new Option<string?>("--frontend") { Description = "Front-end preset (default: the catalog entry's)." }, FrontendPresets.Names);
        var catalogId = new Option<string?>("--catalog-id") { Description = "Take labels and front-end from this catalog entry." };
        var memory = ChoiceList.Of(new Option<string?>("--memory") { Description = "Memory plan: speed (default) or small (equal-shape pointwise and 3x3 depthwise run in place, a conv and the stride-2 depthwise after it run fused through a row ring: smaller arena, more instructions per inference)." }, ["speed", "small"]);
        var tables = ChoiceList.Of(new Option<string?>("--frontend-tables") { Description = "Front-end tables: flash (default: stored in the blob and read in place, less RAM, no build at start) or ram (built by the device at start, as before format 1.2)." }, ["flash", "ram"]);
        var command = new Command("convert", "Convert an int8 .tflite model into a packed .kwsm model.");
        model.AddTo(command);
        foreach (var o in new Option[] { output, cSource, labels, frontend, catalogId, memory, tables })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            var (path, entry) = model.Resolve(parse, console);
            string? id = parse.GetValue(catalogId);
            if (id != null)
            {
                entry = ModelCatalog.Default.Find(id) ?? throw new CliException($"--catalog-id {id}: no such catalog model (see 'kwsnano models list')");
            }
            string? preset = parse.GetValue(frontend);
            if (preset != null && !FrontendPresets.Names.Contains(preset))
            {
                throw new CliException($"--frontend {preset}: unknown preset (known: {string.Join(", ", FrontendPresets.Names)})");
            }
            string baseName = entry?.Id ?? Path.GetFileNameWithoutExtension(path);
            string outPath = parse.GetValue(output) ?? baseName + ".kwsm";
            // Before the conversion: the output file and C source directory must be writable as given.
            FileChecks.RequireOutputFile(outPath, "--output");
            string? cDir = parse.GetValue(cSource);
            if (cDir != null)
            {
                FileChecks.RequireOutputDirectory(cDir, "--c-source");
            }
            string? labelValue = parse.GetValue(labels);
            var options = new ConversionOptions
            {
                Labels = labelValue == null ? null : CliModelSource.Guard(() => LabelList.Parse(labelValue)),
                FrontendPreset = preset,
                InPlace = parse.GetValue(memory) == "small",
                FrontendTables = parse.GetValue(tables) != "ram",
            };
            var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, options, entry));
            CliModelSource.Warn(console, loaded.Warnings);
            CliModelSource.Guard(() =>
            {
                File.WriteAllBytes(outPath, loaded.Blob);
                return 0;
            });
            var m = loaded.Model;
            var inv = CultureInfo.InvariantCulture;
            console.Out.WriteLine($"wrote {outPath}: {loaded.Blob.Length.ToString("N0", inv)} bytes, {m.Ops.Count} ops, {m.Tensors.Count} tensors, arena {m.ArenaBytes.ToString("N0", inv)} bytes");
            string tablesText = m.FrontendTables is { } t ? $", tables in the blob ({t.Length.ToString("N0", inv)} bytes, read from flash)"
                : KwsmFrontendRules.IsComputed(m.Frontend.Kind) ? ", tables built by the device at start" : "";
            console.Out.WriteLine($"front-end {m.Frontend.Preset}{tablesText}; labels {string.Join(",", m.Labels)}");
            if (cDir != null)
            {
                var (h, c) = CliModelSource.Guard(() => KwsmCSourceWriter.Write(baseName, loaded.Blob, cDir));
                console.Out.WriteLine($"wrote {h}");
                console.Out.WriteLine($"wrote {c}");
            }
            return 0;
        });
        return command;
    }
}
