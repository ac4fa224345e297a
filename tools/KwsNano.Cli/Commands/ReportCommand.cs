using System.CommandLine;
using KwsNano.Catalog;
using KwsNano.Cli.Reporting;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano report [--models ID|PATH ...] [--data DIR] [--cpu m4,rv32imc] [--mhz F] [--cpi F] [--out DIR] [--json]</c>:
/// the survey's table for every catalog model (or a list), measured: family and size class, parameters and MACs,
/// float32 vs int8 .tflite vs .kwsm sizes, top-1 on a test folder (as <c>eval</c>), instructions per inference on each
/// core (as <c>bench</c>) and the estimated ms at a stated clock, arena and stream RAM. Markdown on stdout (or JSON); with --out also
/// report.md, report.json and report.svg. Slow results are cached (--results-cache).
/// </summary>
public static class ReportCommand
{
    /// <summary>Creates the command; <paramref name="findTool"/> replaces the PATH lookup (tests).</summary>
    public static Command Create(ICliConsole console, Func<string, string?>? findTool = null)
    {
        var models = new Option<string[]>("--models")
        {
            Description = "Catalog ids or model files (comma or space separated); default every catalog model",
            AllowMultipleArgumentsPerToken = true,
        };
        var data = new Option<string?>("--data") { Description = "Test folder (one sub-folder per label) or CSV; default ../shared/audio/speech_commands_test" };
        var noEval = new Option<bool>("--no-eval") { Description = "Skip the accuracy column" };
        var cpu = new Option<string[]>("--cpu")
        {
            Description = "Cores for the instruction counts, comma separated: " + string.Join(", ", CortexM.BenchTarget.All.Select(t => t.Cpu)) + " (default m4)",
            AllowMultipleArgumentsPerToken = true,
        };
        var noBench = new Option<bool>("--no-bench") { Description = "Skip the instruction counts (no Cortex-M toolchain or QEMU needed)" };
        var mhz = new Option<double?>("--mhz") { Description = "Clock of the estimated ms (default: each core's reference board, as bench)" };
        var cpi = new Option<double>("--cpi") { Description = "Cycles per instruction of the estimate", DefaultValueFactory = _ => 1.0 };
        var outDir = new Option<string?>("--out") { Description = "Also write report.md, report.json and report.svg into this folder" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of Markdown" };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Evaluation workers (default: all cores)" };
        var resultsCache = new Option<string?>("--results-cache") { Description = "Folder of cached evaluation and benchmark results (default ~/.cache/kwsnano/report)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Recompute everything (and do not store results)" };
        var buildDir = new Option<string?>("--build-dir") { Description = "Benchmark build folder, one sub-folder per core (default build/<project>-bench-<cpu>, as bench)" };
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for catalog ids)" };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)" };
        var command = new Command("report", "The survey table for catalog models, measured: sizes and compression, top-1, instructions and ms per core, RAM (Markdown, JSON, SVG).");
        foreach (var o in new Option[] { models, data, noEval, cpu, noBench, mhz, cpi, outDir, json, jobs, resultsCache, noCache, buildDir, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse =>
        {
            var list = (parse.GetValue(models) ?? [])
                .SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (list.Count == 0)
            {
                list = ModelCatalog.Default.Entries.Select(e => e.Id).ToList();
            }
            int workers = parse.GetValue(jobs) ?? Environment.ProcessorCount;
            if (workers < 1)
            {
                throw new CliException($"--jobs {workers}: must be at least 1");
            }
            var targets = new List<(CortexM.BenchTarget, CortexM.BenchClock)>();
            if (!parse.GetValue(noBench))
            {
                var cores = (parse.GetValue(cpu) ?? []).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
                foreach (var core in cores.Count == 0 ? ["m4"] : cores)
                {
                    var target = CortexM.BenchTarget.For(core);
                    targets.Add((target, BenchCommand.ClockFor(target, parse.GetValue(mhz), parse.GetValue(cpi))));
                }
            }
            string? folder = null;
            if (!parse.GetValue(noEval))
            {
                folder = parse.GetValue(data) ?? DefaultData();
                if (!Directory.Exists(folder) && !File.Exists(folder))
                {
                    throw new CliException($"--data {folder}: no such folder or CSV (give --data, or --no-eval)");
                }
            }
            var store = parse.GetValue(noCache) ? null : new ReportCache(parse.GetValue(resultsCache) ?? ReportCache.DefaultDirectory);
            var builder = new ReportBuilder(console, store, findTool);
            var report = builder.Build(new ReportBuilder.Options(list, folder, targets, workers,
                parse.GetValue(mirror), parse.GetValue(cache), parse.GetValue(buildDir)));
            string markdown = SurveyMarkdownRenderer.Render(report);
            console.Out.Write(parse.GetValue(json) ? report.ToJson() + "\n" : markdown);
            if (parse.GetValue(outDir) is { } dir)
            {
                CliModelSource.Guard(() =>
                {
                    Directory.CreateDirectory(dir);
                    File.WriteAllText(Path.Combine(dir, "report.md"), markdown);
                    File.WriteAllText(Path.Combine(dir, "report.json"), report.ToJson() + "\n");
                    File.WriteAllText(Path.Combine(dir, "report.svg"), SurveySvgChart.Render(report));
                    return 0;
                });
                console.Error.WriteLine($"wrote {Path.Combine(dir, "report.md")}, report.json, report.svg");
            }
            return 0;
        });
        return command;
    }

    private static string DefaultData()
    {
        string? shared = Environment.GetEnvironmentVariable("KWS_SHARED");
        if (string.IsNullOrEmpty(shared))
        {
            string root = CortexM.ToolLocator.FindRepoRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            shared = Path.Combine(root, "..", "shared");
        }
        return Path.GetFullPath(Path.Combine(shared, "audio", "speech_commands_test"));
    }
}
