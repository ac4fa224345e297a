using System.CommandLine;
using KwsNano.Cli.Plotting;
using KwsNano.Cli.Rendering;
using KwsNano.Eval;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano eval DIR|CSV --model M [--json] [--confusion out.svg|out.png] [--jobs N]</c>: top-1 accuracy per
/// class and overall, and the confusion matrix, over labelled clips, on every core.
/// </summary>
public static class EvalCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var data = new Argument<string>("data") { Description = "A folder with one sub-folder of .wav clips per label, or a CSV of path,label lines." };
        var model = new Option<string>("--model", "-m") { Description = "A .kwsm, a .tflite (converted on the fly) or a catalog model id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var confusion = new Option<string?>("--confusion") { Description = "Also write the confusion matrix (counts and row percentages) as an image: .svg or .png." };
        var silence = new Option<string?>("--silence")
        {
            Description = "How _silence_ clips are evaluated: auto (the publishers' protocol for the model's front-end: digital silence for /32768 models, the recorded clips for peak-normalised ones), zeros, or recorded.",
        };
        ChoiceList.Of(silence, ["auto", "zeros", "recorded"]);
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Parallel workers (default: all cores)." };
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "auto (native when libkwsnano is present), native or interpreter." }, ChoiceList.Engines);
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("eval", "Evaluate a model on labelled clips: per-class and overall top-1 accuracy, confusion matrix.");
        command.Arguments.Add(data);
        foreach (var o in new Option[] { model, json, confusion, jobs, silence, engine, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => Run(console, parse.GetValue(data)!, parse.GetValue(model)!, parse.GetValue(json), parse.GetValue(confusion),
            parse.GetValue(jobs), parse.GetValue(silence), parse.GetValue(engine), parse.GetValue(mirror), parse.GetValue(cache)));
        return command;
    }

    /// <summary>Runs the evaluation: every option and the output path are checked before any clip is classified.</summary>
    public static int Run(ICliConsole console, string source, string model, bool json, string? confusionPath, int? jobs, string? silence,
        string? engine, string? mirror, string? cache)
    {
        int workers = jobs ?? Environment.ProcessorCount;
        if (workers < 1)
        {
            throw new CliException($"--jobs {workers}: must be at least 1");
        }
        if (confusionPath != null)
        {
            PlotFile.Check(confusionPath, "--confusion"); // .svg or .png, before the evaluation, not after it
        }
        var clips = Guard(() => EvalDataset.Load(source));
        var session = AudioModelSession.Open(model, mirror, cache, AudioModelSession.ParseEngine(engine), console);
        var labels = session.Loaded.Model.Labels;
        bool silenceAsZeros = (silence ?? "auto") switch
        {
            "auto" => EvalRunner.PublishersSilenceAsZeros(session.Loaded.Model.Frontend),
            "zeros" => true,
            "recorded" => false,
            var v => throw new CliException($"--silence {v}: expected auto, zeros or recorded"),
        };
        string engineName = "";
        int noted = 0;
        var progress = new ProgressReporter(console, "eval", clips.Count);
        var result = Guard(() => EvalRunner.Run(clips, labels, () =>
        {
            var c = session.CreateClassifier(out string name, m =>
            {
                if (Interlocked.Exchange(ref noted, 1) == 0)
                {
                    console.Error.WriteLine("note: " + m);
                }
            });
            engineName = name;
            return c;
        }, workers, progress.Report, silenceAsZeros));
        if (confusionPath != null)
        {
            string title = $"{session.Name} on {Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}";
            Guard(() =>
            {
                ConfusionPlot.Create(result.Matrix, title).Save(confusionPath);
                return 0;
            });
        }
        var summary = new EvalSummary(session.Name, session.FrontendDescription, session.Loaded.Model.Frontend.Preset, session.NativeFrontend,
            engineName, Path.GetFullPath(source), silenceAsZeros, result);
        if (json)
        {
            EvalJsonRenderer.Render(summary, console.Out);
        }
        else
        {
            EvalTextRenderer.Render(summary, console.Out);
        }
        if (confusionPath != null)
        {
            console.Error.WriteLine($"wrote {confusionPath}");
        }
        return 0;
    }

    private static T Guard<T>(Func<T> body)
    {
        try
        {
            return CliModelSource.Guard(body);
        }
        catch (Exception e) when (e is InvalidDataException or Audio.WavFormatException)
        {
            throw new CliException(e.Message, inner: e);
        }
    }
}
