using System.CommandLine;
using System.Diagnostics;
using KwsNano.Cli.Rendering;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano classify FILE.wav -m MODEL [--json]</c>: top-3 classes of one clip and the time it took.</summary>
public static class ClassifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A 16 kHz 16-bit PCM WAV file (the first second is classified; shorter clips are zero-padded)." };
        var model = new ModelOption();
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "auto (native when libkwsnano is present), native or interpreter." }, ChoiceList.Engines);
        var json = new Option<bool>("--json") { Description = "Print every class with its probability, and the timings, as JSON." };
        var command = new Command("classify", "Classify a WAV clip: top-3 classes with probabilities, and the time taken.");
        command.Arguments.Add(file);
        model.AddTo(command);
        command.Options.Add(engine);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var summary = Classify(parse.GetValue(file)!, model, AudioModelSession.ParseEngine(parse.GetValue(engine)), parse, console);
            if (parse.GetValue(json))
            {
                ClassifyRenderer.Json(summary, console.Out);
            }
            else
            {
                ClassifyRenderer.Text(summary, console.Out);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Opens the model, reads the clip and classifies its first window.</summary>
    public static ClassifySummary Classify(string path, ModelOption model, KwsNano.Inference.EnginePreference engine, ParseResult parse, ICliConsole console)
    {
        var session = AudioModelSession.Open(model.Get(parse)!, parse.GetValue(model.Mirror), parse.GetValue(model.Cache), engine, console);
        var audio = session.ReadWav(path);
        using var classifier = session.CreateClassifier(out string engineName, m => console.Error.WriteLine("note: " + m));
        var total = Stopwatch.StartNew();
        var result = classifier.Classify(audio.Samples);
        total.Stop();
        var labels = session.Loaded.Model.Labels;
        var ranked = result.Ranked.ToList();
        double window = (double)classifier.Features.WindowSamples / session.Loaded.Model.Frontend.SampleRate;
        return new ClassifySummary(Path.GetFileName(path), session.Name, ranked.Select(i => labels[i]).ToList(),
            ranked.Select(i => (double)result.Probabilities[i]).ToList(), audio.DurationSeconds, window, session.FrontendDescription,
            engineName, result.FeatureTime.TotalMilliseconds, result.NetworkTime.TotalMilliseconds, total.Elapsed.TotalMilliseconds);
    }
}
