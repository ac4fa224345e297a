using System.Text.Json;
using KwsNano.Audio;

namespace KwsNano.Tests.Cli;

public class AudioCommandsTests
{
    [Theory]
    [InlineData("ds_cnn_s.tflite", "yes.wav", "yes")]
    [InlineData("ds_cnn_s.tflite", "down.wav", "down")]
    [InlineData("micronet_m.tflite", "yes.wav", "yes")]
    [InlineData("micronet_m.tflite", "down.wav", "down")]
    public void ClassifySaysTheKeyword(string model, string clip, string expected)
    {
        var (code, output, err) = CliRunner.Run("classify", TestData.AudioPath("recordings/" + clip), "--model", TestData.ModelPath(model));
        Assert.True(code == 0, err);
        var lines = output.Split('\n');
        Assert.Equal($"{clip}: {expected}", lines[0]);
        Assert.Matches($@"^  1\. {expected}\s+\d+\.\d\d%$", lines[1]);
        Assert.Matches(@"^  2\. \S+\s+\d+\.\d\d%$", lines[2]);
        Assert.Matches(@"^  3\. \S+\s+\d+\.\d\d%$", lines[3]);
        Assert.Matches(@"^model \S+; native front-end \((arm-mfcc-49x10|arm-mfcc-peak)\) \d+\.\d\d ms, native engine \d+\.\d\d ms, total \d+\.\d\d ms$", lines[4]);
        double top = double.Parse(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[2].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(top > 50, lines[1]);
    }

    [Fact]
    public void ClassifyWithTheInterpreterAgreesWithNative()
    {
        var native = CliRunner.Run("classify", TestData.AudioPath("recordings/down.wav"), "--model", TestData.ModelPath("micronet_m.tflite"));
        var interp = CliRunner.Run("classify", TestData.AudioPath("recordings/down.wav"), "--model", TestData.ModelPath("micronet_m.tflite"), "--engine", "interpreter");
        Assert.Equal(0, interp.Code);
        // same top-3 and probabilities (bit-exact engines; the C# front-end may differ by rounding only)
        Assert.Equal(native.Out.Split('\n')[..4], interp.Out.Split('\n')[..4]);
        Assert.Contains("C# front-end", interp.Out);
    }

    [Fact]
    public void ClassifyJsonRanksEveryClassAndAgreesWithTheText()
    {
        string clip = TestData.AudioPath("recordings/right_left_up.wav");
        var text = CliRunner.Run("classify", clip, "-m", TestData.ModelPath("ds_cnn_s.tflite"));
        var (code, output, _) = CliRunner.Run("classify", clip, "-m", TestData.ModelPath("ds_cnn_s.tflite"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("right_left_up.wav", root.GetProperty("file").GetString());
        Assert.Equal("right", root.GetProperty("top").GetString());
        var classes = root.GetProperty("classes").EnumerateArray().ToList();
        Assert.Equal(12, classes.Count); // every label, best first
        Assert.Equal("right", classes[0].GetProperty("label").GetString());
        var p = classes.Select(c => c.GetProperty("probability").GetDouble()).ToList();
        Assert.Equal(p.OrderByDescending(x => x), p);
        Assert.InRange(p.Sum(), 0.98, 1.02);
        Assert.Equal(3.0, root.GetProperty("clipSeconds").GetDouble(), 3);
        Assert.Equal(1.0, root.GetProperty("classifiedSeconds").GetDouble(), 3);
        Assert.Equal("native", root.GetProperty("engine").GetString());
        // The text's top-3 percentages are the same numbers.
        var lines = text.Out.Split('\n');
        for (int i = 0; i < 3; i++)
        {
            Assert.Contains($"{100 * p[i]:F2}%".Replace(',', '.'), lines[1 + i]);
        }
    }

    [Fact]
    public void ClassifyTextRendererLayout()
    {
        var s = new KwsNano.Cli.Rendering.ClassifySummary("a.wav", "m.kwsm", ["yes", "_unknown_", "no", "up"], [0.9, 0.05, 0.03, 0.02],
            1.5, 1.0, "native front-end (arm-mfcc-49x10)", "native", 1.234, 2.5, 4.0);
        var w = new StringWriter();
        KwsNano.Cli.Rendering.ClassifyRenderer.Text(s, w);
        Assert.Equal(
            "a.wav: yes\n" +
            "  1. yes         90.00%\n" +
            "  2. _unknown_    5.00%\n" +
            "  3. no           3.00%\n" +
            "note: the clip is 1.50 s; its first 1.00 s were classified\n" +
            "model m.kwsm; native front-end (arm-mfcc-49x10) 1.23 ms, native engine 2.50 ms, total 4.00 ms\n",
            w.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void ClassifyOfALongerClipSaysWhichPartWasUsed()
    {
        var (code, output, _) = CliRunner.Run("classify", TestData.AudioPath("recordings/right_left_up.wav"), "--model", TestData.ModelPath("ds_cnn_s.tflite"));
        Assert.Equal(0, code);
        Assert.StartsWith("right_left_up.wav: right\n", output);
        Assert.Contains("note: the clip is 3.00 s; its first 1.00 s were classified", output);
    }

    [Fact]
    public void ClassifyRefusesABadWavWithItsName()
    {
        string dir = TestData.NewTempDir();
        string bad = Path.Combine(dir, "cd.wav");
        File.WriteAllBytes(bad, WavReader.Encode(new short[100], 44100));
        var (code, output, err) = CliRunner.Run("classify", bad, "--model", TestData.ModelPath("ds_cnn_s.tflite"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: {bad}: is sampled at 44100 Hz; the model needs 16000 Hz (resample it first)\n", err);
    }

    [Fact]
    public void ClassifyRefusesAModelWithoutAFrontEnd()
    {
        // micro_speech now has its front-end (MicrofrontendBoardTests); a model converted with --frontend none has none
        string dir = TestData.NewTempDir();
        string kwsm = Path.Combine(dir, "none.kwsm");
        Assert.Equal(0, CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", kwsm, "--frontend", "none").Code);
        var (code, _, err) = CliRunner.Run("classify", TestData.AudioPath("recordings/yes.wav"), "--model", kwsm);
        Assert.Equal(2, code);
        Assert.Contains("front-end 'none' (kind 0)", err);
        Assert.Contains("is not a front-end this tool computes", err);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void FeaturesPrintsTheModelInputAndWritesImages()
    {
        string dir = TestData.NewTempDir();
        string svg = Path.Combine(dir, "f.svg"), pgm = Path.Combine(dir, "f.pgm");
        var (code, output, _) = CliRunner.Run("features", TestData.AudioPath("recordings/yes.wav"), "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--csv", "--image", svg);
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("frame,c0,c1,c2,c3,c4,c5,c6,c7,c8,c9", lines[0]);
        Assert.Equal(50, lines.Length);
        // compare with the library directly (ds_cnn_s input: scale 1.0841935, zero point 100)
        var samples = WavReader.Read(TestData.AudioPath("recordings/yes.wav")).Samples;
        using var fx = new FeatureExtractor(Audio.AudioTestData.Arm(49, 1.0841935f, 100), useNative: true);
        var q = fx.Compute(samples);
        Assert.Equal("0," + string.Join(",", q.Take(10)), lines[1]);
        Assert.Equal("48," + string.Join(",", q.Skip(480)), lines[49]);
        var svgDoc = System.Xml.Linq.XDocument.Parse(File.ReadAllText(svg));
        Assert.Equal("svg", svgDoc.Root!.Name.LocalName);
        Assert.True(svgDoc.Descendants().Count(e => e.Name.LocalName == "rect") >= 490); // one rectangle per value

        Assert.Equal(0, CliRunner.Run("features", TestData.AudioPath("recordings/yes.wav"), "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--image", pgm).Code);
        byte[] image = File.ReadAllBytes(pgm);
        Assert.Equal("P5\n392 80\n255\n"u8.ToArray(), image[..14]);
        Assert.Equal(14 + 392 * 80, image.Length);
        Assert.Equal((byte)(q[0] + 128), image[14]);
    }

    [Fact]
    public void FeaturesRefusesAnUnknownImageType()
    {
        var (code, _, err) = CliRunner.Run("features", TestData.AudioPath("recordings/yes.wav"), "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--image", "x.jpg");
        Assert.Equal(2, code);
        Assert.Equal("error: --image x.jpg: the file name must end in .svg, .png or .pgm (the extension chooses the image format)\n", err);
    }

    [Fact]
    public void EvalOnACsvReportsAccuracyConfusionAndJson()
    {
        string dir = TestData.NewTempDir();
        string csv = Path.Combine(dir, "set.csv");
        string test = Path.Combine(TestData.SharedDir, "audio", "speech_commands_test");
        var rows = new List<string> { "path,label" };
        foreach (var label in new[] { "yes", "no", "_silence_" })
        {
            rows.AddRange(Directory.GetFiles(Path.Combine(test, label)).Order(StringComparer.Ordinal).Take(4).Select(f => $"{f},{label}"));
        }
        File.WriteAllLines(csv, rows);
        string svg = Path.Combine(dir, "c.svg");
        var (code, output, err) = CliRunner.Run("eval", csv, "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--json", "--jobs", "2", "--confusion", svg);
        Assert.True(code == 0, err);
        ToolConventionsTests.AssertCamelCase(output);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(12, root.GetProperty("clips").GetInt32());
        Assert.True(root.GetProperty("silenceAsZeros").GetBoolean());
        var confusion = root.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        Assert.Equal(12, confusion.Sum(r => r.Sum()));
        Assert.Equal(4, confusion[0].Sum()); // _silence_ row (label index 0)
        Assert.Equal(4, confusion[0][0]);     // digital silence is silence for ds_cnn_s
        int correct = Enumerable.Range(0, 12).Sum(i => confusion[i][i]);
        Assert.Equal(correct, root.GetProperty("correct").GetInt32());
        Assert.Equal(Math.Round(correct / 12.0, 6), root.GetProperty("accuracy").GetDouble());
        Assert.Contains("eval: 12/12", err); // periodic progress lines when stderr is redirected
        Assert.Contains($"wrote {svg}", err);
        Assert.Contains("top-1", File.ReadAllText(svg));
    }

    [Fact]
    public void EvalTextTableAndUnknownLabels()
    {
        string dir = TestData.NewTempDir();
        string test = Path.Combine(TestData.SharedDir, "audio", "speech_commands_test");
        Directory.CreateDirectory(Path.Combine(dir, "yes"));
        foreach (var f in Directory.GetFiles(Path.Combine(test, "yes")).Order(StringComparer.Ordinal).Take(3))
        {
            File.Copy(f, Path.Combine(dir, "yes", Path.GetFileName(f)));
        }
        var (code, output, _) = CliRunner.Run("eval", dir, "--model", TestData.ModelPath("ml-examples/dnn_s.tflite"), "--jobs", "1");
        Assert.Equal(0, code);
        Assert.Contains("\n3 clips, 1 workers,", output);
        Assert.Matches(@"\nyes\s+3\s+\d\s+\d+\.\d\d%\n", output);
        Assert.Contains("confusion matrix (rows: true class, columns: predicted)\n", output);

        Directory.CreateDirectory(Path.Combine(dir, "maybe"));
        File.Copy(Directory.GetFiles(Path.Combine(dir, "yes"))[0], Path.Combine(dir, "maybe", "x.wav"));
        var bad = CliRunner.Run("eval", dir, "--model", TestData.ModelPath("ml-examples/dnn_s.tflite"));
        Assert.Equal(2, bad.Code);
        Assert.StartsWith("error: label(s) maybe of the data set are not classes of the model", bad.Err);
    }

    [Theory]
    [InlineData("monitor", "--svg", "latency.jpg", "the extension chooses the image format")]
    [InlineData("monitor", "--plot", "latency.gif", "the extension chooses the image format")]
    public void ImageOptionsRefuseAnExtensionTheyWouldNotWrite(string verb, string option, string file, string why)
    {
        // before: --confusion c.png wrote SVG text into a .png file
        string dir = TestData.NewTempDir();
        string target = Path.Combine(dir, file);
        string input = verb == "eval" ? dir : Path.Combine(dir, "board.log");
        File.WriteAllText(Path.Combine(dir, "board.log"), "");
        var args = verb == "eval"
            ? new[] { "eval", input, "--model", TestData.ModelPath("ds_cnn_s.tflite"), option, target }
            : new[] { "monitor", input, option, target };
        var (code, _, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"{option} {target}: the file name must end in .svg or .png ({why})", err);
        Assert.False(File.Exists(target));
    }
}
