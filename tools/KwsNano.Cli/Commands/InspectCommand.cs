using System.CommandLine;
using KwsNano.Cli.Rendering;
using KwsNano.Conversion;
using KwsNano.Reports;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano inspect [-m] MODEL [--json]</c>: per-layer table (or JSON) and totals of a .tflite or .kwsm model.</summary>
public static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new ModelOption(positional: true);
        var json = new Option<bool>("--json") { Description = "Print JSON instead of the table." };
        var command = new Command("inspect", "Show the layers, MACs, sizes and arena plan of a model.");
        model.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var (path, entry) = model.Resolve(parse, console);
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
