using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano classify FILE.wav --model M</c>: top-3 classes of one clip and the time it took.</summary>
public static class ClassifyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A 16 kHz 16-bit PCM WAV file (the first second is classified; shorter clips are zero-padded)." };
        var model = new Option<string>("--model", "-m") { Description = "A .kwsm, a .tflite (converted on the fly) or a catalog model id.", Required = true };
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "auto (native when libkwsnano is present), native or interpreter." }, ChoiceList.Engines);
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("classify", "Classify a WAV clip: top-3 classes with probabilities, and the time taken.");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { model, engine, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            var session = AudioModelSession.Open(parse.GetValue(model)!, parse.GetValue(mirror), parse.GetValue(cache),
                AudioModelSession.ParseEngine(parse.GetValue(engine)), console);
            string path = parse.GetValue(file)!;
            var audio = session.ReadWav(path);
            using var classifier = session.CreateClassifier(out string engineName, m => console.Error.WriteLine("note: " + m));
            var total = Stopwatch.StartNew();
            var result = classifier.Classify(audio.Samples);
            total.Stop();
            var labels = session.Loaded.Model.Labels;
            var inv = CultureInfo.InvariantCulture;
            console.Out.WriteLine($"{Path.GetFileName(path)}: {labels[result.Top]}");
            int width = labels.Max(l => l.Length);
            int rank = 1;
            foreach (int i in result.Ranked.Take(3))
            {
                console.Out.WriteLine(string.Create(inv, $"  {rank++}. {labels[i].PadRight(width)}  {100 * result.Probabilities[i],6:F2}%"));
            }
            double window = (double)classifier.Features.WindowSamples / session.Loaded.Model.Frontend.SampleRate;
            if (audio.DurationSeconds > window + 1e-9)
            {
                console.Out.WriteLine(string.Create(inv, $"note: the clip is {audio.DurationSeconds:F2} s; its first {window:F2} s were classified"));
            }
            console.Out.WriteLine(string.Create(inv,
                $"model {session.Name}; {session.FrontendDescription} {result.FeatureTime.TotalMilliseconds:F2} ms, {engineName} engine {result.NetworkTime.TotalMilliseconds:F2} ms, total {total.Elapsed.TotalMilliseconds:F2} ms"));
            return 0;
        });
        return command;
    }
}
