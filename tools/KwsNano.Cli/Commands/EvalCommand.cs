using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KwsNano.Eval;
using KwsNano.IO;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano eval DIR|CSV --model M [--json] [--confusion out.svg] [--jobs N]</c>: top-1 accuracy per
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
        var confusion = new Option<string?>("--confusion") { Description = "Also write the confusion matrix as an SVG image to this path." };
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
        command.SetAction(parse =>
        {
            int workers = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (workers < 1)
            {
                throw new CliException($"--jobs {workers}: must be at least 1");
            }
            string source = parse.GetValue(data)!;
            if (parse.GetValue(confusion) is { } confusionPath)
            {
                if (!confusionPath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    // the matrix is written as SVG text: another extension would get SVG under the wrong name
                    throw new CliException($"--confusion {confusionPath}: the file name must end in .svg (the confusion matrix is written as SVG)");
                }
                FileChecks.RequireOutputFile(confusionPath, "--confusion"); // before the evaluation, not after it
            }
            var clips = Guard(() => EvalDataset.Load(source));
            var session = AudioModelSession.Open(parse.GetValue(model)!, parse.GetValue(mirror), parse.GetValue(cache),
                AudioModelSession.ParseEngine(parse.GetValue(engine)), console);
            var labels = session.Loaded.Model.Labels;
            bool silenceAsZeros = (parse.GetValue(silence) ?? "auto") switch
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
            string silenceNote = silenceAsZeros ? "silence clips as digital silence" : "silence clips as recorded";
            string? svg = parse.GetValue(confusion);
            if (svg != null)
            {
                Guard(() =>
                {
                    File.WriteAllText(svg, ConfusionSvg.Render(result.Matrix, $"{session.Name} on {Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}"));
                    return 0;
                });
            }
            if (parse.GetValue(json))
            {
                WriteJson(console, session, engineName, source, result, silenceAsZeros);
            }
            else
            {
                WriteText(console, session, engineName, result, silenceNote);
            }
            if (svg != null)
            {
                console.Error.WriteLine($"wrote {svg}");
            }
            return 0;
        });
        return command;
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

    private static void WriteText(ICliConsole console, AudioModelSession session, string engine, EvalResult r, string silenceNote)
    {
        var inv = CultureInfo.InvariantCulture;
        var m = r.Matrix;
        console.Out.WriteLine($"model {session.Name}; {session.FrontendDescription}; {engine} engine");
        console.Out.WriteLine(string.Create(inv, $"{m.Total} clips, {r.Workers} workers, {r.Elapsed.TotalSeconds:F1} s, {r.ClipsPerSecond:F1} clips/s; {silenceNote}"));
        console.Out.WriteLine();
        int width = Math.Max(7, m.Labels.Max(l => l.Length));
        console.Out.WriteLine($"{"class".PadRight(width)}  clips  correct  accuracy");
        for (int i = 0; i < m.Labels.Count; i++)
        {
            int n = m.RowTotal(i);
            if (n == 0)
            {
                continue;
            }
            console.Out.WriteLine(string.Create(inv, $"{m.Labels[i].PadRight(width)}  {n,5}  {m[i, i],7}  {100 * m.ClassAccuracy(i)!.Value,7:F2}%"));
        }
        console.Out.WriteLine(string.Create(inv, $"{"overall".PadRight(width)}  {m.Total,5}  {m.Correct,7}  {100 * m.Accuracy,7:F2}%"));
        console.Out.WriteLine();
        console.Out.WriteLine("confusion matrix (rows: true class, columns: predicted)");
        console.Out.Write(m.ToTextTable());
    }

    private static void WriteJson(ICliConsole console, AudioModelSession session, string engine, string source, EvalResult r, bool silenceAsZeros)
    {
        var m = r.Matrix;
        var doc = new
        {
            model = session.Name,
            source = Path.GetFullPath(source),
            engine,
            frontend = new { preset = session.Loaded.Model.Frontend.Preset, native = session.NativeFrontend },
            silenceAsZeros,
            clips = m.Total,
            correct = m.Correct,
            accuracy = Math.Round(m.Accuracy, 6),
            workers = r.Workers,
            seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
            clipsPerSecond = Math.Round(r.ClipsPerSecond, 2),
            labels = m.Labels,
            classes = Enumerable.Range(0, m.Labels.Count).Select(i => new
            {
                label = m.Labels[i],
                clips = m.RowTotal(i),
                correct = m[i, i],
                accuracy = m.ClassAccuracy(i) is double a ? Math.Round(a, 6) : (double?)null,
            }),
            confusion = Enumerable.Range(0, m.Labels.Count).Select(a => Enumerable.Range(0, m.Labels.Count).Select(p => m[a, p]).ToArray()),
        };
        console.Out.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
    }
}
