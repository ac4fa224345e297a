using System.CommandLine;
using System.Globalization;
using KwsNano.Cli.Plotting;
using KwsNano.Cli.Rendering;
using KwsNano.Cli.Tuning;
using KwsNano.Firmware;
using KwsNano.Inference;
using KwsNano.IO;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano tune --model M --data DIR [...]</c>: chooses the firmware detector's threshold and smoothing. Runs
/// the model once over a stream of keyword clips separated by silent gaps and once over every _unknown_ and
/// _silence_ clip back to back, replays the scores through the firmware's own smoother and detector for every
/// (threshold, smoothing) pair, and reports detection rate, wrong detections and false detections per hour, with
/// the best setting under a false-detection limit.
/// </summary>
public static class TuneCommand
{
    /// <summary>Default thresholds tried.</summary>
    public const string DefaultThresholds = "0.5,0.6,0.7,0.75,0.8,0.85,0.9,0.95";

    /// <summary>Default smoothing windows tried.</summary>
    public const string DefaultSmoothing = "1,3,5,10,15,25";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new Option<string>("--model", "-m") { Description = "A .kwsm, a .tflite (converted on the fly) or a catalog model id.", Required = true };
        var data = new Option<string>("--data") { Description = "Folder with one sub-folder of .wav clips per label (Speech Commands layout): the model's keywords, _unknown_ and _silence_.", Required = true };
        var clipsPerKeyword = new Option<int>("--clips-per-keyword") { Description = "Clips of each keyword in the keyword stream.", DefaultValueFactory = _ => 25 };
        var gapMs = new Option<int>("--gap-ms") { Description = "Digital silence after each 1 s keyword clip, in ms.", DefaultValueFactory = _ => 500 };
        var thresholds = new Option<string>("--thresholds") { Description = "Comma-separated thresholds to try (0..1).", DefaultValueFactory = _ => DefaultThresholds };
        var smoothing = new Option<string>("--smoothing") { Description = "Comma-separated smoothing windows to try, in hops (the firmware's smoothing; a hop is the model's frame step: 20 ms for 49-frame models, 40 ms for 25-frame ones).", DefaultValueFactory = _ => DefaultSmoothing };
        var refractory = new Option<int>("--refractory-ms") { Description = "Refractory time of every setting.", DefaultValueFactory = _ => ActionConfig.DefaultRefractoryMs };
        var release = new Option<string>("--release") { Description = "Release ratio of every setting (0..1).", DefaultValueFactory = _ => "0.5" };
        var interval = new Option<int>("--interval") { Description = "Run the network every N hops, as the firmware's 'interval N' (1 = every 20 ms hop; use the interval a board's boot line reports).", DefaultValueFactory = _ => 1 };
        var maxFalse = new Option<double>("--max-false-per-hour") { Description = "False detections per hour allowed for the recommendation.", DefaultValueFactory = _ => 60 };
        var backgroundClips = new Option<int?>("--background-clips") { Description = "Use at most this many clips of each of _unknown_ and _silence_ (default: all)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var curve = new Option<string?>("--curve") { Description = "Also draw detection rate against false detections per hour (one line per smoothing, like a DET curve) to this image: .svg or .png." };
        var writeConfig = new Option<string?>("--write-config") { Description = "Also write the recommended settings as a firmware action configuration file (for run --config or the board's DefaultActionConfig)." };
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "auto (native stream when libkwsnano is present), native or interpreter." }, ChoiceList.Engines);
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("tune", "Choose detector settings: detection rate, wrong and false detections per hour for every threshold x smoothing, and the best setting under a false-detection limit.");
        foreach (var o in new Option[] { model, data, clipsPerKeyword, gapMs, thresholds, smoothing, refractory, release, interval, maxFalse, backgroundClips, json, curve, writeConfig, engine, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => Run(console, new TuneRequest(parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(clipsPerKeyword), parse.GetValue(gapMs), parse.GetValue(thresholds)!, parse.GetValue(smoothing)!, parse.GetValue(refractory), parse.GetValue(release)!, parse.GetValue(interval), parse.GetValue(maxFalse), parse.GetValue(backgroundClips), parse.GetValue(json), parse.GetValue(curve), parse.GetValue(writeConfig), parse.GetValue(engine), parse.GetValue(mirror), parse.GetValue(cache))));
        return command;
    }

    /// <summary>Runs the tuning: every option and output path is checked before any audio is scored.</summary>
    public static int Run(ICliConsole console, TuneRequest r)
    {
        var thresholdList = ParseList(r.Thresholds, "--thresholds", ParseProbability);
        var smoothingList = ParseList(r.Smoothing, "--smoothing", (s, o) => ParseInt(s, o, 1, ActionConfigParser.MaxSmoothing));
        int perKeyword = Positive(r.ClipsPerKeyword, "--clips-per-keyword", 1);
        int gap = Positive(r.GapMs, "--gap-ms", 0);
        int refractoryMs = r.RefractoryMs;
        if (refractoryMs < 0 || refractoryMs > ActionConfigParser.MaxDurationMs)
        {
            throw new CliException($"--refractory-ms {refractoryMs}: expected 0..{ActionConfigParser.MaxDurationMs}");
        }
        float releaseRatio = ParseProbability(r.Release, "--release");
        int hops = r.Interval;
        if (hops < 1 || hops > ActionConfigParser.MaxInferenceInterval)
        {
            throw new CliException($"--interval {hops}: expected 1..{ActionConfigParser.MaxInferenceInterval}");
        }
        double limit = r.MaxFalsePerHour;
        if (!(limit >= 0))
        {
            throw new CliException($"--max-false-per-hour {limit.ToString(Inv)}: must be 0 or more");
        }
        int? maxBackground = r.BackgroundClips;
        if (maxBackground is < 1)
        {
            throw new CliException($"--background-clips {maxBackground}: must be at least 1");
        }
        string? curvePath = r.Curve;
        if (curvePath != null)
        {
            PlotFile.Check(curvePath, "--curve");
        }
        string? configPath = r.WriteConfig;
        if (configPath != null)
        {
            FileChecks.RequireOutputFile(configPath, "--write-config");
        }
        var preference = AudioModelSession.ParseEngine(r.Engine);
        string dir = r.Data;
        if (!Directory.Exists(dir))
        {
            throw new CliException($"--data {dir}: folder not found");
        }

        var session = AudioModelSession.Open(r.Model, r.Mirror, r.Cache, preference, console);
        Firmware.ModelSettingsCheck.CheckInterval(hops, session.Loaded.Model.Frontend.NumFrames, "--interval"); // the firmware would refuse it
        var labels = session.Loaded.Model.Labels.ToArray();
        var keywords = labels.Where(KeywordDetector.IsKeywordLabel).ToArray();
        if (keywords.Length == 0)
        {
            throw new CliException($"model {session.Name}: no keyword labels (labels: {string.Join(", ", labels)})");
        }
        var present = keywords.Where(k => TuneStreamBuilder.ClipFiles(dir, k).Length > 0).ToArray();
        if (present.Length == 0)
        {
            throw new CliException($"--data {dir}: no .wav clips in a sub-folder named after any keyword of {session.Name} ({string.Join(", ", keywords)})");
        }
        if (TuneStreamBuilder.BackgroundLabels.All(l => TuneStreamBuilder.ClipFiles(dir, l).Length == 0))
        {
            throw new CliException($"--data {dir}: no .wav clips in {string.Join(" or ", TuneStreamBuilder.BackgroundLabels)} for the background stream");
        }
        var missing = keywords.Except(present).ToArray();
        if (missing.Length > 0)
        {
            console.Error.WriteLine($"note: no clips in {dir} for {string.Join(", ", missing)}; these keywords are not measured");
        }

        var backend = ChooseBackend(session, preference, console);
        int rate = session.Loaded.Model.Frontend.SampleRate;
        var keywordStream = TuneStreamBuilder.Keywords(dir, present, perKeyword, gap, rate);
        var background = TuneStreamBuilder.Background(dir, rate, maxBackground);
        var keywordScores = Score(session, keywordStream, backend, console, "keyword stream");
        var backgroundScores = Score(session, background, backend, console, "background stream");

        var rows = new List<TuneRow>();
        foreach (float t in thresholdList)
        {
            foreach (int s in smoothingList)
            {
                var config = ActionConfigParser.Parse(DetectorReplay.ConfigText(t, s, refractoryMs, releaseRatio, hops));
                var kd = DetectorReplay.Run(keywordScores, labels, config);
                int falseCount = DetectorReplay.Run(backgroundScores, labels, config).Count;
                rows.Add(TuneScoring.Row(t, s, keywordStream, present, kd, falseCount, background.Seconds));
            }
        }
        var best = TuneScoring.Recommend(rows, limit);
        var report = new TuneReport(session.Name, backend, keywordStream, present, perKeyword, gap, keywordScores.Count, background, backgroundScores.Count,
            refractoryMs, releaseRatio, hops, limit, rows, best);
        var fe = session.Loaded.Model.Frontend;
        // written before the report, so that a refused configuration is the last thing said
        string? configText = configPath == null ? null : best is TuneRow chosen
            ? TuneConfigWriter.Text(report, chosen, labels, fe.NumFrames, "--write-config")
            : null;
        if (r.Json)
        {
            TuneJsonRenderer.Render(report, console.Out);
        }
        else
        {
            TuneTextRenderer.Render(report, console.Out);
        }
        if (curvePath != null)
        {
            int hopMs = (int)Math.Round(1000.0 * fe.FrameHop / fe.SampleRate);
            CliModelSource.Guard(() =>
            {
                DetectionCurvePlot.Create(report, hopMs, $"{session.Name}: detection against false detections per hour").Save(curvePath);
                return 0;
            });
            console.Error.WriteLine($"wrote {curvePath}");
        }
        if (configPath != null)
        {
            if (configText == null)
            {
                throw new CliException(string.Create(Inv, $"--write-config {configPath}: not written: no setting has at most {limit} false detections per hour (raise --max-false-per-hour or try higher --thresholds and --smoothing)"));
            }
            CliModelSource.Guard(() =>
            {
                File.WriteAllText(configPath, configText);
                return 0;
            });
            console.Error.WriteLine($"wrote {configPath}");
        }
        return 0;
    }

    private static StreamScorer.Backend ChooseBackend(AudioModelSession session, EnginePreference preference, ICliConsole console)
    {
        if (preference == EnginePreference.Interpreter)
        {
            return StreamScorer.Backend.Interpreter;
        }
        if (StreamScorer.NativeAvailable(session.Loaded.Blob, out string reason))
        {
            return StreamScorer.Backend.NativeStream;
        }
        if (preference == EnginePreference.Native)
        {
            throw new CliException($"--engine native: {reason}");
        }
        console.Error.WriteLine($"note: native stream unavailable ({reason}): C# front-end and interpreter on every hop's window instead (slower, not bit-exact with the device)");
        return StreamScorer.Backend.Interpreter;
    }

    private static StreamScores Score(AudioModelSession session, TuneStream stream, StreamScorer.Backend backend, ICliConsole console, string what)
    {
        int total = (int)Math.Ceiling(stream.Seconds);
        var progress = new ProgressReporter(console, what, total);
        return StreamScorer.Run(session.Loaded.Blob, session.Loaded.Model, stream, backend, done => progress.Report((int)Math.Min(total, done / stream.SampleRate)));
    }

    private static List<T> ParseList<T>(string text, string option, Func<string, string, T> parseOne)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => p.Length == 0))
        {
            throw new CliException($"{option} {text}: empty entry; expected comma-separated values like {(option == "--thresholds" ? DefaultThresholds : DefaultSmoothing)}");
        }
        var values = parts.Select(p => parseOne(p, option)).Distinct().ToList();
        return values;
    }

    private static float ParseProbability(string text, string option)
    {
        if (!float.TryParse(text, NumberStyles.Float, Inv, out float v) || !(v >= 0 && v <= 1))
        {
            throw new CliException($"{option}: '{text}' is not a probability between 0 and 1");
        }
        return v;
    }

    private static int ParseInt(string text, string option, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, Inv, out int v) || v < min || v > max)
        {
            throw new CliException($"{option}: '{text}' is not an integer in {min}..{max}");
        }
        return v;
    }

    private static int Positive(int value, string option, int min)
    {
        if (value < min)
        {
            throw new CliException($"{option} {value}: must be at least {min}");
        }
        return value;
    }
}
