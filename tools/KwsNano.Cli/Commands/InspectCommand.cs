using System.CommandLine;
using KwsNano.Cli.Rendering;
using KwsNano.Conversion;
using KwsNano.Reports;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano inspect MODEL [--json]</c>: per-layer table (or JSON) and totals of a .tflite or .kwsm model.</summary>
public static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A .tflite or .kwsm file, or a catalog model id." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of the table." };
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder." };
        var command = new Command("inspect", "Show the layers, MACs, sizes and arena plan of a model.");
        command.Arguments.Add(model);
        command.Options.Add(json);
        command.Options.Add(mirror);
        command.Options.Add(cache);
        command.SetAction(parse =>
        {
            var (path, entry) = CliModelSource.Resolve(parse.GetValue(model)!, parse.GetValue(mirror), parse.GetValue(cache), console);
            var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, null, entry));
            CliModelSource.Warn(console, loaded.Warnings);
            var report = ModelReport.Create(loaded.Name, loaded.Model, loaded.Blob.Length);
            if (parse.GetValue(json))
            {
                InspectJsonRenderer.Render(report, console.Out);
            }
            else
            {
                InspectTableRenderer.Render(report, console.Out);
            }
            return 0;
        });
        return command;
    }
}
