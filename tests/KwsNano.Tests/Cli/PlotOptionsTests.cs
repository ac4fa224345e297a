using System.Text.Json;
using KwsNano.Cli.Firmware;
using KwsNano.Firmware;
using KwsNano.Tests.Plotting;

namespace KwsNano.Tests.Cli;

/// <summary>
/// The image options of eval, features and tune (SVG or PNG by extension, anything else refused before any work) and
/// <c>tune --write-config</c>, end to end on the shared clips.
/// </summary>
public class PlotOptionsTests
{
    private static string Speech(string label) => Path.Combine(TestData.SharedDir, "audio", "speech_commands_test", label);

    private static string MakeData(int count, params string[] labels)
    {
        string dir = TestData.NewTempDir();
        foreach (var label in labels)
        {
            Directory.CreateDirectory(Path.Combine(dir, label));
            foreach (var f in Directory.GetFiles(Speech(label), "*.wav").OrderBy(f => f, StringComparer.Ordinal).Take(count))
            {
                File.Copy(f, Path.Combine(dir, label, Path.GetFileName(f)));
            }
        }
        return dir;
    }

    [Theory]
    [InlineData("eval", "--confusion")]
    [InlineData("features", "--image")]
    [InlineData("tune", "--curve")]
    public void AJpgIsRefusedBeforeAnyWork(string verb, string option)
    {
        // before: --confusion c.png wrote SVG text into a .png file, and nothing could write a PNG
        string dir = TestData.NewTempDir();
        string target = Path.Combine(dir, "out.jpg");
        string missing = Path.Combine(dir, "no-such-input");   // the work would fail on it; the option must fail first
        string model = TestData.ModelPath("ds_cnn_s.tflite");
        string[] args = verb switch
        {
            "eval" => ["eval", missing, "--model", model, option, target],
            "features" => ["features", missing + ".wav", "--model", model, option, target],
            _ => ["tune", "--model", model, "--data", missing, option, target],
        };
        var (code, output, err) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        string formats = verb == "features" ? ".svg, .png or .pgm" : ".svg or .png";
        Assert.Equal($"error: {option} {target}: the file name must end in {formats} (the extension chooses the image format)\n", err);
        Assert.False(File.Exists(target));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void EvalWritesTheConfusionMatrixAsPngOrSvg()
    {
        string data = MakeData(3, "yes", "no", "_silence_");
        string png = Path.Combine(data, "c.png"), svg = Path.Combine(data, "c.svg");
        var (code, _, err) = CliRunner.Run("eval", data, "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--jobs", "1", "--confusion", png);
        Assert.True(code == 0, err);
        Assert.Contains($"wrote {png}", err);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal(0x89, bytes[0]);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(bytes, 1, 3));
        Assert.Equal(0, CliRunner.Run("eval", data, "--model", TestData.ModelPath("ds_cnn_s.tflite"), "--jobs", "1", "--confusion", svg).Code);
        var doc = System.Xml.Linq.XDocument.Parse(File.ReadAllText(svg));
        var texts = doc.Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("100.0%", texts);   // _silence_ as digital silence: 3 of 3
        Assert.Contains("_silence_ (3)", texts);
        Assert.Contains(texts, t => t.StartsWith("ds_cnn_s on ") && t.Contains("top-1"));
    }

    [Theory]
    [InlineData("ds_cnn_s.tflite")]
    [InlineData("ml-examples/dnn_s.tflite")]
    public void FeaturesWritesAPngForBothFrameCounts(string model)
    {
        string dir = TestData.NewTempDir();
        string png = Path.Combine(dir, "f.png");
        var (code, _, err) = CliRunner.Run("features", TestData.AudioPath("recordings/yes.wav"), "--model", TestData.ModelPath(model), "--image", png);
        Assert.True(code == 0, err);
        byte[] bytes = File.ReadAllBytes(png);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(bytes, 1, 3));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TuneWritesTheCurveAndAConfigurationTheFirmwareLoads()
    {
        // dnn_s: 25 frames, labels as ds_cnn_s; interval 5 must come out as written, the actions only for its labels
        string data = MakeData(2, "yes", "no", "_unknown_", "_silence_");
        string curve = Path.Combine(data, "det.png"), config = Path.Combine(data, "actions.cfg");
        string model = TestData.ModelPath("ml-examples/dnn_s.tflite");
        var (code, output, err) = CliRunner.Run("tune", "--model", model, "--data", data, "--clips-per-keyword", "2",
            "--thresholds", "0.5,0.8", "--smoothing", "1,5", "--interval", "5", "--max-false-per-hour", "100000", "--json",
            "--curve", curve, "--write-config", config);
        Assert.True(code == 0, err);
        Assert.Contains($"wrote {curve}", err);
        Assert.Contains($"wrote {config}", err);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(curve), 1, 3));
        using var doc = JsonDocument.Parse(output);
        var setting = doc.RootElement.GetProperty("recommended").GetProperty("setting");
        string text = File.ReadAllText(config);
        var parsed = ActionConfigParser.Parse(text);
        Assert.Equal(setting.GetProperty("threshold").GetSingle(), parsed.DefaultThreshold);
        Assert.Equal(setting.GetProperty("smoothing").GetInt32(), parsed.SmoothingWindow);
        Assert.Equal(5, parsed.InferenceInterval);
        Assert.Equal(900, parsed.RefractoryMs);
        Assert.Contains("\non yes pulse 25 200\n", text);
        var loaded = KwsNano.Conversion.ModelLoader.Load(model);
        ModelSettingsCheck.Check(parsed, loaded.Model.Labels, loaded.Model.Frontend.NumFrames, "test"); // the board would take it
        Assert.StartsWith("# KwsNano action configuration written by kwsnano tune", text);
    }

    [Fact]
    public void TuneWriteConfigIsCheckedBeforeTheWorkAndNotWrittenWithoutARecommendation()
    {
        string data = MakeData(1, "yes", "_silence_", "_unknown_");
        string model = TestData.ModelPath("ds_cnn_s.tflite");
        string inMissingDir = Path.Combine(data, "no-dir", "a.cfg");
        var early = CliRunner.Run("tune", "--model", model, "--data", Path.Combine(data, "missing"), "--write-config", inMissingDir);
        Assert.Equal(2, early.Code);
        Assert.StartsWith($"error: {inMissingDir}: ", early.Err);   // the output's folder, not the --data error the work would meet
        Assert.DoesNotContain("--data", early.Err);

        // threshold 0 fires on every background clip: no setting is within 0 false detections per hour
        string config = Path.Combine(data, "a.cfg");
        var none = CliRunner.Run("tune", "--model", model, "--data", data, "--clips-per-keyword", "1", "--thresholds", "0",
            "--smoothing", "1", "--max-false-per-hour", "0", "--write-config", config);
        Assert.Equal(2, none.Code);
        Assert.Contains("recommended: none", none.Out);
        Assert.Contains($"error: --write-config {config}: not written: no setting has at most 0 false detections per hour", none.Err);
        Assert.False(File.Exists(config));
    }
}
