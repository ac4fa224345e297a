using System.Text.RegularExpressions;
using KwsNano.Catalog;
using KwsNano.Cli.CortexM;
using KwsNano.Conversion;
using KwsNano.Eval;
using KwsNano.Inference;
using KwsNano.Native;
using KwsNano.Reports;

namespace KwsNano.Cli.Reporting;

/// <summary>
/// Builds the survey table: per model the facts of the converted model (parameters, MACs, sizes, arena, stream RAM),
/// top-1 on a test folder through the same path as <c>kwsnano eval</c> (<see cref="EvalRunner"/>, publishers' silence
/// protocol), and instructions per inference through <c>kwsnano bench</c>'s <see cref="BenchRunner"/> (one firmware
/// build for every model not cached). Slow results are kept in a <see cref="ReportCache"/>.
/// </summary>
public sealed partial class ReportBuilder
{
    /// <summary>What to report.</summary>
    /// <param name="Models">Catalog ids or model paths.</param>
    /// <param name="Data">Test folder (one sub-folder per label) or CSV; null: no accuracy.</param>
    /// <param name="Targets">Cores to benchmark with the clock of each one's estimate; empty: no instruction counts.</param>
    /// <param name="Jobs">Evaluation workers.</param>
    /// <param name="Mirror">Catalog mirror folder.</param>
    /// <param name="ModelCache">Model cache folder.</param>
    /// <param name="BuildDir">Benchmark build folder (null: build/cortex-m-bench-CPU in the repository).</param>
    public sealed record Options(IReadOnlyList<string> Models, string? Data, IReadOnlyList<(BenchTarget Target, BenchClock Clock)> Targets,
        int Jobs, string? Mirror, string? ModelCache, string? BuildDir);

    private sealed record Loaded(string Arg, string Name, string Path, CatalogEntry? Entry, ModelLoader.Loaded Model, string BlobHash);

    /// <summary>Cached evaluation result.</summary>
    public sealed record EvalCounts(int Clips, int Correct);

    private readonly ICliConsole _console;
    private readonly ReportCache? _cache;
    private readonly Func<string, string?> _findTool;

    /// <summary>Reports to <paramref name="console"/>'s stderr; <paramref name="cache"/> null = always recompute.</summary>
    public ReportBuilder(ICliConsole console, ReportCache? cache, Func<string, string?>? findTool = null)
    {
        _console = console;
        _cache = cache;
        _findTool = findTool ?? ToolLocator.FindOnPath;
    }

    /// <summary>Measures every model of <paramref name="o"/>.</summary>
    public SurveyReport Build(Options o)
    {
        var models = new List<Loaded>();
        foreach (var arg in o.Models)
        {
            var (path, entry) = CliModelSource.Resolve(arg, o.Mirror, o.ModelCache, _console);
            var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, null, entry));
            string name = entry?.Id ?? Identifier(System.IO.Path.GetFileNameWithoutExtension(path));
            if (models.Any(m => m.Name == name))
            {
                throw new CliException($"report: model '{name}' is listed twice");
            }
            models.Add(new Loaded(arg, name, path, entry, loaded, ReportCache.Hash(loaded.Blob)));
        }

        var benches = o.Targets.Select(t => (t.Target, t.Clock, Results: Bench(models, t.Target, o))).ToList();
        var rows = new List<SurveyRow>();
        for (int i = 0; i < models.Count; i++)
        {
            var m = models[i];
            _console.Error.WriteLine($"report: [{i + 1}/{models.Count}] {m.Name}");
            var facts = ModelReport.Create(m.Name, m.Model.Model, m.Model.Blob.Length);
            string arch = m.Entry?.Architecture ?? "";
            var counts = o.Data == null ? null : Evaluate(m, o);
            var perCore = benches.Where(x => x.Results.Models.ContainsKey(m.Name)).Select(x =>
            {
                var r = x.Results.Models[m.Name];
                return new SurveyBench { Cpu = x.Target.Cpu, Instructions = r.Instructions, Milliseconds = x.Clock.Milliseconds(r.Instructions), StackBytes = r.StackBytes };
            }).ToList();
            rows.Add(new SurveyRow
            {
                Model = m.Name,
                Architecture = arch,
                Family = Family(arch + " " + m.Name),
                SizeClass = SizeClass(arch + " " + m.Name),
                Parameters = facts.Parameters,
                Macs = facts.Macs,
                Float32Bytes = facts.Float32Bytes,
                TfliteBytes = m.Path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase) ? new FileInfo(m.Path).Length : 0,
                KwsmBytes = m.Model.Blob.Length,
                Clips = counts?.Clips,
                Correct = counts?.Correct,
                PublishedPercent = m.Entry?.Accuracy,
                Bench = perCore,
                ArenaBytes = facts.ArenaBytes,
                StreamBytes = StreamBytes(m.Model.Blob),
            });
        }
        string method = "float32 = 4 bytes per parameter (weights and biases); smaller = 1 - .kwsm / float32. " +
            (o.Data == null ? "" : $"top-1 as `kwsnano eval` gives it on {o.Data} (clips whose label is not a class of the model are left out; silence by the publisher's protocol). ") +
            (o.Targets.Count == 0 ? "" : "Instructions per inference from `kwsnano bench` (QEMU -icount); ms estimated as bench does (below). ") +
            "Arena: kws_invoke's activations; stream RAM: kws_stream_buffer_size (arena, front-end, sample FIFO, feature ring); the .kwsm is the model's flash.";
        return new SurveyReport
        {
            Data = o.Data,
            Targets = benches.Select(x => new SurveyTarget { Cpu = x.Target.Cpu, Name = x.Target.DisplayName, Clock = x.Clock, EngineCodeBytes = x.Results.CodeBytes }).ToList(),
            Method = method,
            Rows = rows,
        };
    }

    /// <summary>The clips of <paramref name="data"/> a model with <paramref name="labels"/> can be scored on: labels
    /// that are classes, and the silence/unknown classes under either spelling (_silence_ / silence).</summary>
    public static IReadOnlyList<LabeledClip> ClipsFor(IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> labels)
    {
        var classes = new HashSet<string>(labels, StringComparer.Ordinal);
        string? Map(string label)
        {
            if (classes.Contains(label))
            {
                return label;
            }
            string alt = label.StartsWith('_') && label.EndsWith('_') && label.Length > 2 ? label[1..^1] : "_" + label + "_";
            return alt is "_silence_" or "silence" or "_unknown_" or "unknown" && classes.Contains(alt) ? alt : null;
        }
        return clips.Select(c => Map(c.Label) is { } l ? c with { Label = l } : null).Where(c => c != null).Select(c => c!).ToList();
    }

    private EvalCounts Evaluate(Loaded m, Options o)
    {
        var all = CliModelSource.Guard(() =>
        {
            try
            {
                return EvalDataset.Load(o.Data!);
            }
            catch (InvalidDataException e)
            {
                throw new CliException(e.Message, inner: e);
            }
        });
        var labels = m.Model.Model.Labels;
        var clips = ClipsFor(all, labels);
        if (clips.Count == 0)
        {
            throw new CliException($"report: no clip of {o.Data} has a label among {m.Name}'s classes ({string.Join(", ", labels)})");
        }
        bool zeros = EvalRunner.PublishersSilenceAsZeros(m.Model.Model.Frontend);
        string listing = string.Join("\n", clips.Select(c => $"{c.Path}|{c.Label}|{new FileInfo(c.Path).Length}"));
        string key = $"eval|{m.BlobHash}|{Path.GetFullPath(o.Data!)}|{ReportCache.Hash(System.Text.Encoding.UTF8.GetBytes(listing))}|zeros={zeros}";
        if (_cache != null && _cache.TryGet(key, out EvalCounts cached))
        {
            _console.Error.WriteLine($"report: {m.Name}: top-1 from the cache ({cached.Clips} clips)");
            return cached;
        }
        var session = AudioModelSession.Open(m.Path, o.Mirror, o.ModelCache, EnginePreference.Auto, _console);
        var progress = new ProgressReporter(_console, $"eval {m.Name}", clips.Count);
        var result = CliModelSource.Guard(() => EvalRunner.Run(clips, labels, () => session.CreateClassifier(out _), o.Jobs, progress.Report, zeros));
        var counts = new EvalCounts(result.Matrix.Total, result.Matrix.Correct);
        _cache?.Put(key, counts);
        return counts;
    }

    private sealed record BenchResults(Dictionary<string, BenchModelResult> Models, long CodeBytes);

    private BenchResults Bench(List<Loaded> models, BenchTarget target, Options o)
    {
        string cpu = target.Cpu;
        var engine = EngineSources.Find("report (or use --no-bench)");
        string root = engine.Root;
        string native = Path.Combine(root, "kernels-native");
        string sources = ReportCache.HashTree([Path.Combine(native, "src"), Path.Combine(native, "include"), Path.Combine(native, "cortex-m"),
            Path.Combine(native, target.ProjectDir)]);
        var found = new Dictionary<string, BenchModelResult>();
        var todo = new List<Loaded>();
        foreach (var m in models)
        {
            if (_cache != null && _cache.TryGet($"bench|{cpu}|{m.BlobHash}|{sources}", out BenchModelResult r))
            {
                found[m.Name] = r with { Model = m.Name };
            }
            else
            {
                todo.Add(m);
            }
        }
        string codeKey = $"bench-code|{cpu}|{sources}";
        long code = 0;
        bool haveCode = _cache != null && _cache.TryGet(codeKey, out code);
        if (todo.Count > 0 || !haveCode)
        {
            var run = todo.Count > 0 ? todo : models.Take(1).ToList();
            foreach (var m in run.Where(m => !m.Path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase)))
            {
                throw new CliException($"report: {m.Path}: the benchmark builds from .tflite files; give the .tflite or use --no-bench");
            }
            _console.Error.WriteLine($"report: benchmarking {string.Join(", ", run.Select(m => m.Name))} on {target.DisplayName}");
            var runner = new BenchRunner(_findTool, _console.Error);
            string dir = o.BuildDir == null ? engine.BuildDir($"{target.ProjectDir}-bench-{cpu}") : Path.Combine(o.BuildDir, cpu);
            var report = runner.Run(root, Path.GetFullPath(dir), target, run.Select(m => new BenchModelSpec(m.Name, Path.GetFullPath(m.Path))).ToList(),
                ToolLocator.SelfCommand(), 600, frontend: false);
            foreach (var r in report.Models)
            {
                var m = run.First(x => x.Name == r.Model);
                found[m.Name] = r;
                _cache?.Put($"bench|{cpu}|{m.BlobHash}|{sources}", r);
            }
            code = report.CodeSizes.Sum(c => c.Flash);
            _cache?.Put(codeKey, code);
        }
        else
        {
            _console.Error.WriteLine($"report: {target.DisplayName} instruction counts from the cache");
        }
        return new BenchResults(found, code);
    }

    private static long? StreamBytes(byte[] blob)
    {
        try
        {
            if (NativeStream.TryOpen(blob, out var s) != KwsStatus.Ok || s == null)
            {
                return null;
            }
            using (s)
            {
                return s.StreamBytes;
            }
        }
        catch (DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Model family from its description: DS-CNN, CNN, DNN, MicroNet, TinyConv (micro_speech), else "-".</summary>
    public static string Family(string text) =>
        text.Contains("DS-CNN", StringComparison.OrdinalIgnoreCase) || text.Contains("ds_cnn", StringComparison.OrdinalIgnoreCase) ? "DS-CNN"
        : text.Contains("MicroNet", StringComparison.OrdinalIgnoreCase) ? "MicroNet"
        : text.Contains("micro_speech", StringComparison.OrdinalIgnoreCase) ? "TinyConv"
        : CnnWord().IsMatch(text) ? "CNN"
        : DnnWord().IsMatch(text) ? "DNN"
        : "-";

    /// <summary>Size class from its description or name: S (small), M (medium), L (large), else "-".</summary>
    public static string SizeClass(string text)
    {
        var m = SizeWord().Match(text);
        string word = m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value;
        return !m.Success ? "-" : char.ToUpperInvariant(word[0]).ToString();
    }

    private static string Identifier(string stem)
    {
        var s = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        return s.Length == 0 || char.IsAsciiDigit(s[0]) ? "m_" + s : s;
    }

    [GeneratedRegex(@"(?<![A-Za-z-])CNN\b|\bcnn_", RegexOptions.IgnoreCase)]
    private static partial Regex CnnWord();

    [GeneratedRegex(@"\bDNN\b|\bdnn_", RegexOptions.IgnoreCase)]
    private static partial Regex DnnWord();

    [GeneratedRegex(@"\b(small|medium|large)\b|_(s|m|l)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SizeWord();
}
