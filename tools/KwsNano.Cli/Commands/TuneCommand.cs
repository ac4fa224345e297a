using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KwsNano.Cli.Tuning;
using KwsNano.Firmware;
using KwsNano.Inference;

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
        var smoothing = new Option<string>("--smoothing") { Description = "Comma-separated smoothing windows to try, in hops of 20 ms (the firmware's smoothing).", DefaultValueFactory = _ => DefaultSmoothing };
        var refractory = new Option<int>("--refractory-ms") { Description = "Refractory time of every setting.", DefaultValueFactory = _ => ActionConfig.DefaultRefractoryMs };
        var release = new Option<string>("--release") { Description = "Release ratio of every setting (0..1).", DefaultValueFactory = _ => "0.5" };
        var interval = new Option<int>("--interval") { Description = "Run the network every N hops, as the firmware's 'interval N' (1 = every 20 ms hop; use the interval a board's boot line reports).", DefaultValueFactory = _ => 1 };
        var maxFalse = new Option<double>("--max-false-per-hour") { Description = "False detections per hour allowed for the recommendation.", DefaultValueFactory = _ => 60 };
        var backgroundClips = new Option<int?>("--background-clips") { Description = "Use at most this many clips of each of _unknown_ and _silence_ (default: all)." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "auto (native stream when libkwsnano is present), native or interpreter." }, ChoiceList.Engines);
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("tune", "Choose detector settings: detection rate, wrong and false detections per hour for every threshold x smoothing, and the best setting under a false-detection limit.");
        foreach (var o in new Option[] { model, data, clipsPerKeyword, gapMs, thresholds, smoothing, refractory, release, interval, maxFalse, backgroundClips, json, engine, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            var thresholdList = ParseList(parse.GetValue(thresholds)!, "--thresholds", ParseProbability);
            var smoothingList = ParseList(parse.GetValue(smoothing)!, "--smoothing", (s, o) => ParseInt(s, o, 1, ActionConfigParser.MaxSmoothing));
            int perKeyword = Positive(parse.GetValue(clipsPerKeyword), "--clips-per-keyword", 1);
            int gap = Positive(parse.GetValue(gapMs), "--gap-ms", 0);
            int refractoryMs = parse.GetValue(refractory);
            if (refractoryMs < 0 || refractoryMs > ActionConfigParser.MaxDurationMs)
            {
                throw new CliException($"--refractory-ms {refractoryMs}: expected 0..{ActionConfigParser.MaxDurationMs}");
            }
            float releaseRatio = ParseProbability(parse.GetValue(release)!, "--release");
            int hops = parse.GetValue(interval);
            if (hops < 1 || hops > ActionConfigParser.MaxInferenceInterval)
            {
                throw new CliException($"--interval {hops}: expected 1..{ActionConfigParser.MaxInferenceInterval}");
            }
            double limit = parse.GetValue(maxFalse);
            if (!(limit >= 0))
            {
                throw new CliException($"--max-false-per-hour {limit.ToString(Inv)}: must be 0 or more");
            }
            int? maxBackground = parse.GetValue(backgroundClips);
            if (maxBackground is < 1)
            {
                throw new CliException($"--background-clips {maxBackground}: must be at least 1");
            }
            var preference = AudioModelSession.ParseEngine(parse.GetValue(engine));
            string dir = parse.GetValue(data)!;
            if (!Directory.Exists(dir))
            {
                throw new CliException($"--data {dir}: folder not found");
            }

            var session = AudioModelSession.Open(parse.GetValue(model)!, parse.GetValue(mirror), parse.GetValue(cache), preference, console);
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
            var report = new Report(session.Name, backend, keywordStream, present, perKeyword, gap, keywordScores.Count, background, backgroundScores.Count,
                refractoryMs, releaseRatio, hops, limit, rows, best);
            if (parse.GetValue(json))
            {
                WriteJson(console, report);
            }
            else
            {
                WriteText(console, report);
            }
            return 0;
        });
        return command;
    }

    private sealed record Report(string Model, StreamScorer.Backend Backend, TuneStream Keywords, string[] KeywordLabels, int ClipsPerKeyword, int GapMs,
        int KeywordInferences, TuneStream Background, int BackgroundInferences, int RefractoryMs, float Release, int Interval, double Limit,
        List<TuneRow> Rows, TuneRow? Best);

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

    private static string EngineText(StreamScorer.Backend b) =>
        b == StreamScorer.Backend.NativeStream ? "native stream (kws_stream, as on the device)" : "C# front-end + interpreter per window";

    private static string Threshold(float t) => t.ToString("0.00##", Inv);

    private static string Percent(double rate) => (100 * rate).ToString("F1", Inv) + "%";

    /// <summary>The firmware configuration lines for <paramref name="row"/> (refractory and release only when not the defaults).</summary>
    private static List<string> ConfigLines(TuneRow row, int refractoryMs, float release, int interval)
    {
        var lines = new List<string> { $"threshold {row.Threshold.ToString(Inv)}", $"smoothing {row.Smoothing}" };
        if (refractoryMs != ActionConfig.DefaultRefractoryMs)
        {
            lines.Add($"refractory_ms {refractoryMs}");
        }
        if (release != new ActionConfig().ReleaseRatio)
        {
            lines.Add($"release {release.ToString(Inv)}");
        }
        if (interval != 1)
        {
            lines.Add($"interval {interval}");
        }
        return lines;
    }

    private static void WriteText(ICliConsole console, Report r)
    {
        var o = console.Out;
        o.WriteLine($"model {r.Model}; {EngineText(r.Backend)}");
        o.WriteLine(string.Create(Inv, $"keyword stream: {r.Keywords.Clips.Count} clips of {r.KeywordLabels.Length} keywords (up to {r.ClipsPerKeyword} each), 1 s + {r.GapMs} ms gap each, {r.Keywords.Seconds:F1} s, {r.KeywordInferences} inferences"));
        var bg = string.Join(", ", TuneStreamBuilder.BackgroundLabels.Select(l => $"{l} {r.Background.Clips.Count(c => c.Label == l)}"));
        o.WriteLine(string.Create(Inv, $"background stream: {r.Background.Clips.Count} clips ({bg}), {r.Background.Seconds:F1} s, {r.BackgroundInferences} inferences"));
        o.WriteLine(string.Create(Inv, $"every setting: refractory_ms {r.RefractoryMs}, release {r.Release}{(r.Interval == 1 ? "" : $", interval {r.Interval}")}; limit {r.Limit} false detections per hour"));
        o.WriteLine();
        o.WriteLine("threshold  smoothing  detection  wrong  false  false/h");
        foreach (var row in r.Rows)
        {
            o.WriteLine(string.Create(Inv, $"{Threshold(row.Threshold),9}  {row.Smoothing,9}  {Percent(row.DetectionRate),9}  {row.Wrong,5}  {row.False,5}  {row.FalsePerHour,7:F1}"));
        }
        o.WriteLine();
        if (r.Best is not TuneRow best)
        {
            var fewest = r.Rows.OrderBy(x => x.False).ThenByDescending(x => x.Hits).First();
            o.WriteLine(string.Create(Inv, $"recommended: none: no setting has at most {r.Limit} false detections per hour (fewest: threshold {Threshold(fewest.Threshold)}, smoothing {fewest.Smoothing} with {fewest.FalsePerHour:F1} per hour and {Percent(fewest.DetectionRate)} detection)"));
            return;
        }
        o.WriteLine(string.Create(Inv, $"recommended: threshold {Threshold(best.Threshold)}, smoothing {best.Smoothing}: detection {Percent(best.DetectionRate)} ({best.Hits}/{best.Clips}), {best.Wrong} wrong, {best.False} false = {best.FalsePerHour:F1} per hour"));
        o.WriteLine("per keyword: " + string.Join(", ", best.PerKeyword.Select(k => $"{k.Keyword} {Percent(k.Clips == 0 ? 0 : (double)k.Hits / k.Clips)}")));
        o.WriteLine("action configuration lines:");
        foreach (var line in ConfigLines(best, r.RefractoryMs, r.Release, r.Interval))
        {
            o.WriteLine(line);
        }
    }

    private static object RowJson(TuneRow row) => new
    {
        threshold = row.Threshold,
        smoothing = row.Smoothing,
        clips = row.Clips,
        hits = row.Hits,
        detectionRate = Math.Round(row.DetectionRate, 6),
        wrong = row.Wrong,
        falseDetections = row.False,
        falsePerHour = Math.Round(row.FalsePerHour, 3),
        perKeyword = row.PerKeyword.Select(k => new { keyword = k.Keyword, clips = k.Clips, hits = k.Hits }),
    };

    private static void WriteJson(ICliConsole console, Report r)
    {
        var doc = new
        {
            model = r.Model,
            engine = r.Backend == StreamScorer.Backend.NativeStream ? "native-stream" : "interpreter",
            keywordStream = new
            {
                clips = r.Keywords.Clips.Count,
                keywords = r.KeywordLabels,
                clipsPerKeyword = r.ClipsPerKeyword,
                gapMs = r.GapMs,
                seconds = Math.Round(r.Keywords.Seconds, 3),
                inferences = r.KeywordInferences,
            },
            backgroundStream = new
            {
                clips = r.Background.Clips.Count,
                labels = TuneStreamBuilder.BackgroundLabels.ToDictionary(l => l, l => r.Background.Clips.Count(c => c.Label == l)),
                seconds = Math.Round(r.Background.Seconds, 3),
                inferences = r.BackgroundInferences,
            },
            refractoryMs = r.RefractoryMs,
            release = r.Release,
            interval = r.Interval,
            maxFalsePerHour = r.Limit,
            rows = r.Rows.Select(RowJson),
            recommended = r.Best is TuneRow b
                ? new { setting = RowJson(b), config = ConfigLines(b, r.RefractoryMs, r.Release, r.Interval) }
                : null,
        };
        console.Out.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
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
