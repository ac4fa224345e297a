using KwsNano.Cli;
using KwsNano.Cli.Firmware;
using KwsNano.Tests.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Tests.Cli;

/// <summary>The live view of <c>run</c> and <c>listen</c>: per-inference top-k scores, the live meter, and the load over every inference.</summary>
public sealed class LiveViewTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwslive").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly string[] Labels = ["_silence_", "yes", "no", "go"];

    // A softmax output: scale 1/256, zero point -128 (q = p x 256 - 128).
    private static ScoreMeter Softmax(int top) => new(Labels, 1f / 256, -128, true, top);

    private static InferenceScores Scores(long us, params int[] q) => new(us, q.Select(v => (sbyte)v).ToArray(), 5000, 400);

    private string DsCnn()
    {
        string path = Path.Combine(_dir, "ds_cnn_s.kwsm");
        File.WriteAllBytes(path, FirmwareModels.Get("ds_cnn_s"));
        return path;
    }

    [Fact]
    public void TopKDecodesAsTheFirmwareAndBreaksTiesByClassOrder()
    {
        // 0.125, 0.5, 0.125, 0.25
        var top = Softmax(3).Top([-96, 0, -96, -64]);
        Assert.Equal([("yes", 0.5f), ("go", 0.25f), ("_silence_", 0.125f)], top);
        Assert.Equal("inference 7: yes 0.500, go 0.250", Softmax(2).Line(Scores(1_000_000, -96, 0, -96, -64), 7));
        Assert.Single(Softmax(0).Top([-96, 0, -96, -64])); // at least one
        Assert.Equal(4, Softmax(9).Top([-96, 0, -96, -64]).Count); // at most the classes
    }

    [Fact]
    public void LogitsGoThroughASoftmax()
    {
        // MicroNet's logits: scale 0.5 -> logits 0, 2, 0, 0: e^2 / (3 + e^2) = 0.711
        var top = new ScoreMeter(Labels, 0.5f, 0, false, 2).Top([0, 4, 0, 0]);
        Assert.Equal("yes", top[0].Label);
        Assert.Equal(Math.Exp(2) / (3 + Math.Exp(2)), top[0].Probability, 5);
        Assert.Equal("_silence_", top[1].Label);
    }

    [Fact]
    public void LinesModeInterleavesScoresWithSerialLinesAndEdges()
    {
        var w = new StringWriter { NewLine = "\n" };
        var view = new LiveView(w, false, Softmax(2), MeterMode.Lines);
        view.Line("KWS BOOT t_us=1 board=ESP32 model=m classes=4 hop_ms=20 window_ms=1000 chunk_ms=40 interval=2 interval_by=config");
        view.Inference(Scores(1_040_000, -96, 0, -96, -64));
        view.Line("KWS DET t_us=1040000 kw=yes score=0.800 lat_us=30000 inf_us=5000 fe_us=400");
        view.Edge(new PinTransition(25, true, 1_040_000));
        view.Inference(Scores(1_080_000, 64, -128, -128, -128));
        Assert.Equal(
            "KWS BOOT t_us=1 board=ESP32 model=m classes=4 hop_ms=20 window_ms=1000 chunk_ms=40 interval=2 interval_by=config\n" +
            "stream: network every 2 hop(s) of 20 ms\n" +
            "inference 1: yes 0.500, go 0.250\n" +
            "KWS DET t_us=1040000 kw=yes score=0.800 lat_us=30000 inf_us=5000 fe_us=400\n" +
            "GPIO 25 high at 1.040000 s\n" +
            "inference 2: _silence_ 0.750, yes 0.000\n", w.ToString());
    }

    [Fact]
    public void LiveModeRewritesOneMeterLineAndClearsItForOtherLines()
    {
        var w = new StringWriter { NewLine = "\n" };
        var view = new LiveView(w, false, Softmax(2), MeterMode.Live);
        view.Line("KWS BOOT t_us=1 board=ESP32 model=m classes=4 hop_ms=20 window_ms=1000 chunk_ms=40 interval=1 interval_by=config");
        view.Inference(Scores(1_040_000, -96, 0, -96, -64)); // 5 ms network + 0.4 ms front-end per 20 ms hop: 27.0 %
        string meter = "[#####.....] yes 0.500  go 0.250 | 1.040 s, every 1 hop(s) of 20 ms, load 27.0%";
        Assert.EndsWith("\r" + meter, w.ToString());
        view.Line("KWS DET t_us=1040000 kw=yes score=0.800 lat_us=30000 inf_us=5000 fe_us=400");
        // cleared (spaces over it), the line, then the meter again under it
        Assert.EndsWith("\r" + meter + "\r" + new string(' ', meter.Length) + "\rKWS DET t_us=1040000 kw=yes score=0.800 lat_us=30000 inf_us=5000 fe_us=400\n\r" + meter, w.ToString());
    }

    [Fact]
    public void RunShowsEveryInferencesTopScoresWithMeterLines()
    {
        var (code, output, err) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", DsCnn(), "--native-us", "5000", "--meter", "lines", "--top", "2");
        Assert.True(code == 0, err);
        var lines = output.Split('\n');
        var stat = lines.Last(l => l.StartsWith("KWS STAT ", StringComparison.Ordinal));
        int inferences = int.Parse(System.Text.RegularExpressions.Regex.Match(stat, " inf=([0-9]+) ").Groups[1].Value);
        var scoreLines = lines.Where(l => l.StartsWith("inference ", StringComparison.Ordinal)).ToList();
        Assert.Equal(inferences, scoreLines.Count); // one per inference the app counted
        Assert.Equal($"inference {inferences}:", scoreLines[^1].Split(' ')[0] + " " + scoreLines[^1].Split(' ')[1]);
        Assert.All(scoreLines, l => Assert.Matches(@"^inference [0-9]+: \S+ [01]\.[0-9]{3}, \S+ [01]\.[0-9]{3}$", l));
        // The inference that fired each detection (the last one before its DET line) has the keyword on top.
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("KWS DET ", StringComparison.Ordinal))
            {
                string kw = System.Text.RegularExpressions.Regex.Match(lines[i], " kw=(\\S+) ").Groups[1].Value;
                string last = lines.Take(i).Last(l => l.StartsWith("inference ", StringComparison.Ordinal));
                Assert.StartsWith(kw + " ", last[(last.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
            }
        }
        // Fixed 5 ms per inference and no front-end cost, every 20 ms hop: exactly a quarter of real time, over every inference.
        Assert.Contains($"load: 25.0% of real time (network 5.00 ms every 1 hop(s), front-end 0.00 ms per hop, mean over {inferences} inferences)", lines);
    }

    [Fact]
    public void ListenShowsTheSameScoresAsRunForTheSameAudio()
    {
        string wav = FirmwareModels.Recording("right_left_up.wav");
        var (runCode, runOut, runErr) = CliRunner.Run("run", "--wav", wav, "--model", DsCnn(), "--native-us", "5000", "--meter", "lines");
        Assert.True(runCode == 0, runErr);
        var console = new StringCliConsole();
        var root = new System.CommandLine.RootCommand { KwsNano.Cli.Commands.ListenCommand.Create(console, () => File.OpenRead(wav)) }; // a WAV on stdin
        int code = CliApp.Run(["listen", "--model", DsCnn(), "--native-us", "5000", "--meter", "lines"], console, root);
        Assert.True(code == 0, console.ErrorText);
        static IEnumerable<string> Scores(string text) => text.Split('\n').Where(l => l.StartsWith("inference ", StringComparison.Ordinal));
        Assert.NotEmpty(Scores(console.OutText));
        Assert.Equal(Scores(runOut), Scores(console.OutText));
    }

    [Fact]
    public void NoMeterInAPipeByDefaultSoOutputStaysExact()
    {
        var (code, output, err) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", DsCnn(), "--native-us", "5000");
        Assert.True(code == 0, err);
        Assert.DoesNotContain('\r', output);
        Assert.DoesNotContain("inference 1:", output);
        var (code2, output2, _) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", DsCnn(), "--native-us", "5000", "--meter", "off");
        Assert.Equal(0, code2);
        Assert.Equal(output, output2);
    }

    [Fact]
    public void LoadIsShownWithoutAnyDetection()
    {
        // Before, the load came from DET lines only: a run without detections had no load line.
        var (code, output, err) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("micro_speech_silence_1000ms.wav"), "--model", DsCnn(), "--native-us", "5000", "--config", Write("quiet.cfg", "threshold 0.99\n"));
        Assert.True(code == 0, err);
        Assert.Contains(" 0 detections,", output);
        Assert.Matches(@"\nload: 25\.0% of real time \(network 5\.00 ms every 1 hop\(s\), front-end 0\.00 ms per hop, mean over [0-9]+ inferences\)\n", output);
    }

    [Theory]
    [InlineData("--top", "0", "--top 0: expected a whole number of classes, at least 1")]
    [InlineData("--top", "13", "--top 13: the model has 12 classes")]
    [InlineData("--meter", "bar", "'bar'")]
    public void MeterOptionsAreChecked(string option, string value, string message)
    {
        var (code, output, err) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", DsCnn(), option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(message, err);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
