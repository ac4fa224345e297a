using System.Text.Json;
using KwsNano.Cli.CortexM;
using KwsNano.Cli.Reporting;
using KwsNano.Eval;

namespace KwsNano.Tests.Cli;

/// <summary>
/// <c>kwsnano report</c>: on two small models (ML-examples DNN-S, micro_speech) it reproduces what <c>eval</c> and
/// <c>bench</c> give, reuses its cache, and its renderers and rules give exactly what they document.
/// </summary>
public class ReportCommandTests
{
    private static string TestFolder => Path.Combine(TestData.SharedDir, "audio", "speech_commands_test");

    [Fact]
    public void ReproducesEvalAndBenchOnTwoSmallModelsAndReusesItsCache()
    {
        string work = TestData.NewTempDir();
        try
        {
            string cache = Path.Combine(work, "results"), models = Path.Combine(work, "models"), outDir = Path.Combine(work, "out");
            string[] args = ["report", "--models", "mlex_dnn_s,micro_speech", "--cpu", "m4,rv32imc", "--data", TestFolder, "--json", "-j", "2",
                "--mirror", TestData.ModelsDir, "--cache", models, "--results-cache", cache, "--build-dir", Path.Combine(work, "bench-report"), "--out", outDir];
            var first = Tool(args);
            Assert.True(first.Code == 0, first.Err);
            using var report = JsonDocument.Parse(first.Out);
            var rows = report.RootElement.GetProperty("models").EnumerateArray().ToDictionary(r => r.GetProperty("model").GetString()!);
            Assert.Equal(["mlex_dnn_s", "micro_speech"], rows.Keys);

            // eval: DNN-S on the whole folder; micro_speech on its four classes (the other words are not its classes)
            var dnn = Eval(TestFolder, "mlex_dnn_s", models);
            Assert.Equal(1500, dnn.Clips);
            string csv = Path.Combine(work, "micro_speech.csv");
            File.WriteAllLines(csv, new[] { ("_silence_", "silence"), ("_unknown_", "unknown"), ("yes", "yes"), ("no", "no") }
                .SelectMany(p => Directory.GetFiles(Path.Combine(TestFolder, p.Item1), "*.wav").Select(f => $"{f},{p.Item2}")));
            var micro = Eval(csv, "micro_speech", models);
            Assert.Equal(500, micro.Clips);
            foreach (var (name, expected) in new[] { ("mlex_dnn_s", dnn), ("micro_speech", micro) })
            {
                Assert.Equal(expected.Clips, rows[name].GetProperty("clips").GetInt32());
                Assert.Equal(expected.Correct, rows[name].GetProperty("correct").GetInt32());
            }

            // bench, on each core: the same instruction counts, stack, arena and estimated ms
            foreach (var cpu in new[] { "m4", "rv32imc" })
            {
                var bench = Tool("bench", "--cpu", cpu, "--models", "mlex_dnn_s," + Path.Combine(models, "micro_speech.tflite"), "--json",
                    "--build-dir", Path.Combine(work, "bench-" + cpu));
                Assert.True(bench.Code == 0, bench.Err);
                using var b = JsonDocument.Parse(bench.Out);
                var clock = b.RootElement.GetProperty("clock");
                double mhz = clock.GetProperty("mhz").GetDouble(), cpi = clock.GetProperty("cpi").GetDouble();
                var models2 = b.RootElement.GetProperty("models").EnumerateArray().ToList();
                Assert.Equal(2, models2.Count);
                foreach (var m in models2)
                {
                    var row = rows[m.GetProperty("model").GetString()!];
                    var measured = row.GetProperty("bench").EnumerateArray().Single(x => x.GetProperty("cpu").GetString() == cpu);
                    long insn = m.GetProperty("instructions").GetInt64();
                    Assert.Equal(insn, measured.GetProperty("instructions").GetInt64());
                    Assert.Equal(m.GetProperty("stackBytes").GetInt64(), measured.GetProperty("stackBytes").GetInt64());
                    Assert.Equal(m.GetProperty("arenaBytes").GetInt64(), row.GetProperty("arenaBytes").GetInt64());
                    Assert.Equal(insn * cpi / (mhz * 1000.0), measured.GetProperty("ms").GetDouble(), 9);
                }
            }

            // the facts of the converted models
            var dnnRow = rows["mlex_dnn_s"];
            Assert.Equal("DNN", dnnRow.GetProperty("family").GetString());
            Assert.Equal("S", dnnRow.GetProperty("sizeClass").GetString());
            Assert.Equal(new FileInfo(TestData.ModelPath("ml-examples/dnn_s.tflite")).Length, dnnRow.GetProperty("tfliteBytes").GetInt64());
            Assert.Equal(4 * dnnRow.GetProperty("parameters").GetInt64(), dnnRow.GetProperty("float32Bytes").GetInt64());
            Assert.True(rows["micro_speech"].GetProperty("streamBytes").GetInt64() > rows["micro_speech"].GetProperty("arenaBytes").GetInt64());

            Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(outDir, "report.svg")));
            Assert.Equal(first.Out.TrimEnd(), File.ReadAllText(Path.Combine(outDir, "report.json")).TrimEnd());

            // a second run takes everything from the cache and gives the same report
            var second = Tool(args);
            Assert.True(second.Code == 0, second.Err);
            Assert.Contains("Cortex-M4 instruction counts from the cache", second.Err);
            Assert.Contains("RISC-V rv32imc instruction counts from the cache", second.Err);
            Assert.Contains("micro_speech: top-1 from the cache (500 clips)", second.Err);
            Assert.DoesNotContain("bench: building", second.Err);
            Assert.Equal(first.Out, second.Out);
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    /// <summary>
    /// The built kwsnano tool as a process: the benchmark firmware build calls the tool back to convert models, which
    /// only works from the real executable (in-process, the test host would be called).
    /// </summary>
    private static (int Code, string Out, string Err) Tool(params string[] args)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kwsnano.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = System.Diagnostics.Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static (int Clips, int Correct) Eval(string data, string model, string cache)
    {
        var r = CliRunner.Run("eval", data, "--model", model, "--json", "-j", "2", "--mirror", TestData.ModelsDir, "--cache", cache);
        Assert.True(r.Code == 0, r.Err);
        using var doc = JsonDocument.Parse(r.Out);
        return (doc.RootElement.GetProperty("clips").GetInt32(), doc.RootElement.GetProperty("correct").GetInt32());
    }

    private static readonly BenchClock Clock80 = new() { Mhz = 80, Cpi = 1, Source = "--mhz" };

    private static SurveyReport Sample() => new()
    {
        Data = "/data",
        Targets = [new SurveyTarget { Cpu = "m4", Name = "Cortex-M4", Clock = Clock80, EngineCodeBytes = 2048 }],
        Method = "method.",
        Rows =
        [
            new SurveyRow { Model = "a", Family = "DNN", SizeClass = "S", Parameters = 1000, Macs = 2000, Float32Bytes = 4000, TfliteBytes = 2048,
                KwsmBytes = 1024, Clips = 8, Correct = 6, PublishedPercent = 80, ArenaBytes = 512, StreamBytes = 4096,
                Bench = [new SurveyBench { Cpu = "m4", Instructions = 160000, Milliseconds = 2, StackBytes = 300 }] },
            new SurveyRow { Model = "b<", Family = "-", SizeClass = "-", Parameters = 10, Macs = 20, Float32Bytes = 40, TfliteBytes = 40, KwsmBytes = 30, ArenaBytes = 16 },
        ],
    };

    [Fact]
    public void MarkdownHasOneRowPerModelWithTheDocumentedColumns()
    {
        Assert.Equal("""
            | model | family | size | params | MACs | float32 KB | int8 .tflite KB | .kwsm KB | .kwsm smaller | top-1 | published | Cortex-M4 instructions | Cortex-M4 ms | arena KB | stream RAM KB |
            |---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | a | DNN | S | 1,000 | 2,000 | 3.9 | 2.0 | 1.0 | 74.4% | 75.00% | 80.0% | 160,000 | 2.00 | 0.5 | 4.0 |
            | b< | - | - | 10 | 20 | 0.0 | 0.0 | 0.0 | 25.0% | - | - | - | - | 0.0 | - |

            method.

            """.Replace("\r\n", "\n") + "Cortex-M4: " + Clock80.Describe() + " Engine code in flash: 2.0 KB, shared by every model.\n",
            SurveyMarkdownRenderer.Render(Sample()));
    }

    [Fact]
    public void SvgHasABarPerMeasuredValueAndEscapesNames()
    {
        string svg = SurveySvgChart.Render(Sample());
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg);
        Assert.Equal(2, svg.Split("<rect x=").Length - 1); // model a: one accuracy bar, one ms bar; b has neither
        Assert.Contains(">75.0<", svg);
        Assert.Contains(">2.00<", svg);
        Assert.Contains("b&lt;", svg);
        Assert.Contains("Cortex-M4: est. ms per inference at 80 MHz", svg);
    }

    [Fact]
    public void ClipsAreMatchedToClassesUnderEitherSilenceAndUnknownSpelling()
    {
        var clips = new[] { new LabeledClip("1", "_silence_"), new LabeledClip("2", "_unknown_"), new LabeledClip("3", "yes"), new LabeledClip("4", "up") };
        Assert.Equal(["silence", "unknown", "yes"], ReportBuilder.ClipsFor(clips, ["silence", "unknown", "yes", "no"]).Select(c => c.Label));
        Assert.Equal(["_silence_", "_unknown_", "yes", "up"], ReportBuilder.ClipsFor(clips, ["_silence_", "_unknown_", "yes", "up"]).Select(c => c.Label));
        Assert.Empty(ReportBuilder.ClipsFor(clips, ["left"]));
    }

    [Theory]
    [InlineData("DS-CNN small, int8 in/out ds_cnn_s", "DS-CNN", "S")]
    [InlineData("CNN medium, float32 in/out around int8 mlex_cnn_m", "CNN", "M")]
    [InlineData("DNN small (fully connected) mlex_dnn_s", "DNN", "S")]
    [InlineData("MicroNet-KWS medium, int8 in/out, logits micronet_m", "MicroNet", "M")]
    [InlineData("TFLM micro_speech (yes/no), int8 micro_speech", "TinyConv", "-")]
    public void FamilyAndSizeClassComeFromTheDescription(string text, string family, string size)
    {
        Assert.Equal(family, ReportBuilder.Family(text));
        Assert.Equal(size, ReportBuilder.SizeClass(text));
    }

    [Fact]
    public void BadOptionsGiveCleanErrors()
    {
        var r = CliRunner.Run("report", "--models", "ds_cnn_s", "--mhz", "0", "--no-eval");
        Assert.Equal(2, r.Code);
        Assert.Contains("--mhz: 0 is not a clock in MHz", r.Err);
        r = CliRunner.Run("report", "--models", "ds_cnn_s", "--cpu", "m33", "--no-eval");
        Assert.Equal(2, r.Code);
        Assert.Contains("--cpu: unknown core 'm33'", r.Err);
        r = CliRunner.Run("report", "--models", "ds_cnn_s", "--data", "/nonexistent/folder", "--no-bench");
        Assert.Equal(2, r.Code);
        Assert.Contains("--data /nonexistent/folder: no such folder or CSV", r.Err);
        r = CliRunner.Run("report", "--models", "nope", "--no-bench", "--no-eval");
        Assert.Equal(2, r.Code);
        Assert.Contains("nope: no such file, and not a catalog model id", r.Err);
    }
}
