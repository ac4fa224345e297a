using System.Text.Json;
using System.Text.RegularExpressions;
using KwsNano.Cli;
using KwsNano.Cli.CortexM;
using KwsNano.Tests.Firmware;

namespace KwsNano.Tests.Cli;

/// <summary>The tool's conventions: one model rule, settings checked against the model, choice lists, camelCase JSON, one version, exit codes, NO_COLOR.</summary>
public sealed class ToolConventionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwsconv").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string DsCnn()
    {
        string path = Path.Combine(_dir, "ds_cnn_s.kwsm");
        File.WriteAllBytes(path, FirmwareModels.Get("ds_cnn_s"));
        return path;
    }

    private static string Wav => FirmwareModels.Recording("right_left_up.wav");

    /// <summary>Every property name in <paramref name="json"/> is camelCase, except keys of the objects named in <paramref name="maps"/> (label-keyed dictionaries).</summary>
    internal static void AssertCamelCase(string json, params string[] maps)
    {
        using var doc = JsonDocument.Parse(json);
        var bad = new List<string>();
        void Walk(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    bool map = maps.Any(m => path.EndsWith("." + m, StringComparison.Ordinal));
                    if (!map && !Regex.IsMatch(p.Name, "^[a-z][A-Za-z0-9]*$"))
                    {
                        bad.Add(path + "." + p.Name);
                    }
                    Walk(p.Value, path + "." + p.Name);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, path + "[]");
                }
            }
        }
        Walk(doc.RootElement, "$");
        Assert.Empty(bad);
    }

    [Fact]
    public void RunTakesACatalogIdWithDashM()
    {
        var (code, output, err) = CliRunner.Run("run", "--wav", Wav, "-m", "ds_cnn_s", "--mirror", TestData.ModelsDir, "--cache", Path.Combine(_dir, "cache"), "--native-us", "5000");
        Assert.True(code == 0, err);
        Assert.Contains(" board=ESP32 model=flash@0x380000 classes=12 ", output);
    }

    [Fact]
    public void RunShowsGpioEdgesAsTheyHappenAndOneSummary()
    {
        string cfg = Write("a.cfg", "on right pulse 32 100\n");
        var (code, output, err) = CliRunner.Run("run", "--wav", Wav, "--model", DsCnn(), "--config", cfg, "--native-us", "5000");
        Assert.True(code == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        int det = lines.FindIndex(l => l.StartsWith("KWS DET", StringComparison.Ordinal) && l.Contains("kw=right"));
        int high = lines.FindIndex(l => l.StartsWith("GPIO 32 high at ", StringComparison.Ordinal));
        int stat = lines.FindLastIndex(l => l.StartsWith("KWS STAT", StringComparison.Ordinal));
        Assert.True(det >= 0 && high > det && high < stat, output); // the edge right after its detection, before the final statistics
        Assert.Single(lines, l => l.StartsWith("summary: ", StringComparison.Ordinal));
        Assert.Contains("gpio: pin 32 1 high / 1 low, ends low", lines);
        Assert.Contains(lines, l => l.StartsWith("stream: network every 1 hop(s) of 20 ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("load: ", StringComparison.Ordinal));
    }

    [Fact]
    public void RunCancelledStillPrintsTheSummaryAndExits130()
    {
        var console = new StringCliConsole();
        var options = new KwsNano.Cli.Firmware.VirtualBoardCommandOptions();
        var command = new System.CommandLine.Command("run");
        options.AddTo(command);
        var parse = command.Parse(["--model", DsCnn(), "--native-us", "5000"]);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        int code = options.Execute(parse, () => KwsNano.VirtualBoard.AudioFeed.FromWav(Wav), console, cts.Token);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("summary (interrupted): ", console.OutText);
        Assert.Contains("KWS STAT", console.OutText);
        Assert.Contains("gpio: ", console.OutText);
    }

    [Theory]
    [InlineData("on banana pulse 2 100\n", "'on banana': the model has no label 'banana'")]
    [InlineData("interval 60\n", "interval 60: the model has 49 frames")]
    public void ConfigIsCheckedAgainstTheModel(string config, string expected)
    {
        string cfg = Write("c.cfg", config);
        var (code, output, err) = CliRunner.Run("run", "--wav", Wav, "--model", DsCnn(), "--config", cfg);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {cfg}: ", err);
        Assert.Contains(expected, err);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("99999999999")]
    public void NativeUsOutOfRangeIsACleanUsageError(string value)
    {
        var (code, output, err) = CliRunner.Run("run", "--wav", Wav, "--model", DsCnn(), "--native-us", value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --native-us {value}: expected a whole number of microseconds, 0..10000000 (see 'kwsnano run --help')\n", err);
    }

    [Theory]
    [InlineData("classify", "--engine", "turbo")]
    [InlineData("bench", "--cpu", "m33")]
    [InlineData("run", "--target", "ESP8266")]
    [InlineData("eval", "--silence", "loud")]
    public void FixedChoiceOptionsRefuseOtherValuesAndListTheirChoices(string verb, string option, string value)
    {
        var root = CliApp.CreateRoot(new StringCliConsole());
        var opt = root.Subcommands.Single(c => c.Name == verb).Options.Single(o => o.Name == option);
        Assert.NotEmpty(opt.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty)); // help and completion list the values
        var (code, _, err) = CliRunner.Run(verb, option, value, "-m", "x.kwsm");
        Assert.Equal(2, code);
        Assert.Contains(value, err);
    }

    [Fact]
    public void BothVersionFormsPrintTheSameLine()
    {
        var a = CliRunner.Run("version");
        var b = CliRunner.Run("--version");
        Assert.Equal(0, a.Code);
        Assert.Equal(0, b.Code);
        Assert.Matches(@"^kwsnano \d+\.\d+\.\d+ \(kwsm format \d+\.\d+\)\n$", a.Out);
        Assert.Equal(a.Out, b.Out);
    }

    [Fact]
    public void VersionNamesTheFormatTheConverterWrites()
    {
        // It said "kwsm format 1.0" while the converter wrote 1.1 blobs.
        var blob = KwsNano.Tests.KwsmFormat.KwsmTestModels.Blob("ds_cnn_s.tflite");
        string written = $"{BitConverter.ToUInt16(blob, 4)}.{BitConverter.ToUInt16(blob, 6)}";
        Assert.Contains($"(kwsm format {written})", CliRunner.Run("version").Out);
    }

    [Fact]
    public void UnknownOptionIsExit2()
    {
        var (code, _, err) = CliRunner.Run("inspect", "--frobnicate");
        Assert.Equal(ExitCodes.UserError, code);
        Assert.StartsWith("error: ", err);
    }

    [Fact]
    public void VerifyJsonAndInspectJsonAreCamelCase()
    {
        string model = DsCnn();
        var (code, output, err) = CliRunner.Run("verify", "-m", model, "--json");
        Assert.True(code == 0, err);
        AssertCamelCase(output);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal(12, doc.RootElement.GetProperty("labels").GetArrayLength());
        }
        (code, output, err) = CliRunner.Run("inspect", "--model", model, "--json");
        Assert.True(code == 0, err);
        AssertCamelCase(output);
    }

    [Fact]
    public void ModelGivenTwiceIsAnError()
    {
        string model = DsCnn();
        var (code, _, err) = CliRunner.Run("inspect", model, "-m", model);
        Assert.Equal(2, code);
        Assert.Contains("the model is given twice", err);
    }

    [Fact]
    public void ClassifyJsonIsCamelCase()
    {
        var (code, output, err) = CliRunner.Run("classify", TestData.AudioPath("recordings/yes.wav"), "-m", TestData.ModelPath("ds_cnn_s.tflite"), "--json");
        Assert.True(code == 0, err);
        AssertCamelCase(output);
        Assert.Contains("\"classifiedSeconds\"", output);
    }

    [Fact]
    public void ModelsListJsonIsCamelCase()
    {
        var (code, output, err) = CliRunner.Run("models", "list", "--json");
        Assert.True(code == 0, err);
        AssertCamelCase(output);
    }

    [Fact]
    public void BenchJsonIsCamelCaseAndStillReadsTheHarnessSnakeCase()
    {
        const string line = "KWSBENCH {\"model\":\"tiny\",\"cpu\":\"m4\",\"blob_bytes\":1000,\"arena_bytes\":4096,\"stack_bytes\":312,\"open_instructions\":5000,\"instructions\":120000,\"macs\":40000,\"ops\":[{\"index\":0,\"opcode\":\"CONV_2D\",\"source_index\":0,\"macs\":40000,\"instructions\":100000}]}";
        var result = BenchModelResult.Parse(line, "tiny");
        Assert.Equal(1000, result.BlobBytes);
        Assert.Equal(5000, result.OpenInstructions);
        var report = new BenchReport { Cpu = "m4", Board = "mps2-an386", Models = [result], CodeSizes = [new CodeSize { Library = "kws_engine", Text = 1 }] };
        string json = report.ToJson();
        AssertCamelCase(json);
        Assert.Contains("\"blobBytes\": 1000", json);
        Assert.Contains("\"codeSizes\"", json);
    }

    [Theory]
    [InlineData(null, false, "xterm", true)]
    [InlineData("", false, "xterm", true)]
    [InlineData("1", false, "xterm", false)]
    [InlineData(null, true, "xterm", false)]
    [InlineData(null, false, "dumb", false)]
    public void ColourFollowsNoColorAndTheTerminal(string? noColor, bool redirected, string term, bool expected)
    {
        Assert.Equal(expected, ColorPolicy.Enabled(noColor, redirected, term));
        var w = new StringWriter();
        new KwsNano.Cli.Firmware.LiveView(w, ColorPolicy.Enabled(noColor, redirected, term)).Line("KWS DET t_us=1 kw=yes score=0.9 lat_us=1 inf_us=1 fe_us=1");
        Assert.Equal(expected, w.ToString().Contains('\u001b'));
    }
}
