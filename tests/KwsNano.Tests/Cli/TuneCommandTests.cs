using System.Globalization;
using System.Text.Json;
using KwsNano.Audio;
using KwsNano.Cli.Tuning;
using KwsNano.Firmware;

namespace KwsNano.Tests.Cli;

/// <summary>
/// <c>kwsnano tune</c> end to end on small folders built from the shared Speech Commands clips: the exact text and
/// JSON output (numbers from the tuning classes run independently on the same folder), the recommendation or its
/// absence, and the user errors.
/// </summary>
public class TuneCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static string Speech(string label) => Path.Combine(TestData.SharedDir, "audio", "speech_commands_test", label);

    /// <summary>A data folder with the first <paramref name="count"/> clips of each (folder, source label) pair.</summary>
    private static string MakeData(int count, params (string Folder, string Source)[] folders)
    {
        string dir = TestData.NewTempDir();
        foreach (var (folder, source) in folders)
        {
            Directory.CreateDirectory(Path.Combine(dir, folder));
            foreach (var f in Directory.GetFiles(Speech(source), "*.wav").OrderBy(f => f, StringComparer.Ordinal).Take(count))
            {
                File.Copy(f, Path.Combine(dir, folder, Path.GetFileName(f)));
            }
        }
        return dir;
    }

    private static string Model => TestData.ModelPath("ds_cnn_s.tflite");

    /// <summary>Rows computed with the tuning classes directly, the oracle for the command's numbers.</summary>
    private static (List<TuneRow> Rows, TuneStream Keywords, TuneStream Background, int KwInf, int BgInf) Expected(string dir, float[] thresholds, int[] smoothing, int perKeyword)
    {
        var loaded = KwsNano.Conversion.ModelLoader.Load(Model);
        var labels = loaded.Model.Labels.ToArray();
        var keywords = labels.Where(KeywordDetector.IsKeywordLabel).Where(k => Directory.Exists(Path.Combine(dir, k))).ToArray();
        var kw = TuneStreamBuilder.Keywords(dir, keywords, perKeyword, 500, 16000);
        var bg = TuneStreamBuilder.Background(dir, 16000);
        var ks = StreamScorer.Run(loaded.Blob, loaded.Model, kw, StreamScorer.Backend.NativeStream);
        var bs = StreamScorer.Run(loaded.Blob, loaded.Model, bg, StreamScorer.Backend.NativeStream);
        var rows = new List<TuneRow>();
        foreach (var t in thresholds)
        {
            foreach (var s in smoothing)
            {
                var config = ActionConfigParser.Parse(DetectorReplay.ConfigText(t, s, 900, 0.5f));
                rows.Add(TuneScoring.Row(t, s, kw, keywords, DetectorReplay.Run(ks, labels, config), DetectorReplay.Run(bs, labels, config).Count, bg.Seconds));
            }
        }
        return (rows, kw, bg, ks.Count, bs.Count);
    }

    private static string RowLine(TuneRow r) =>
        string.Create(Inv, $"{r.Threshold.ToString("0.00##", Inv),9}  {r.Smoothing,9}  {(100 * r.DetectionRate).ToString("F1", Inv) + "%",9}  {r.Wrong,5}  {r.False,5}  {r.FalsePerHour,7:F1}");

    [Fact]
    public void TextOutputIsTheTableAndTheRecommendation()
    {
        string dir = MakeData(2, ("yes", "yes"), ("no", "no"), ("up", "up"), ("down", "down"), ("_unknown_", "_unknown_"), ("_silence_", "_silence_"));
        var (code, output, err) = CliRunner.Run("tune", "--model", Model, "--data", dir, "--clips-per-keyword", "2",
            "--thresholds", "0.6,0.9", "--smoothing", "1,5", "--max-false-per-hour", "100000");
        Assert.True(code == 0, err);
        Assert.Contains("note: no clips in " + dir + " for left, right, on, off, stop, go; these keywords are not measured", err);
        var (rows, kw, bg, kwInf, bgInf) = Expected(dir, [0.6f, 0.9f], [1, 5], 2);
        var best = TuneScoring.Recommend(rows, 100000)!;
        Assert.Equal(4, rows.Count);
        var expected = new List<string>
        {
            "model ds_cnn_s; native stream (kws_stream, as on the device)",
            $"keyword stream: 8 clips of 4 keywords (up to 2 each), 1 s + 500 ms gap each, 12.0 s, {kwInf} inferences",
            $"background stream: 4 clips (_unknown_ 2, _silence_ 2), 4.0 s, {bgInf} inferences",
            "every setting: refractory_ms 900, release 0.5; limit 100000 false detections per hour",
            "",
            "threshold  smoothing  detection  wrong  false  false/h",
        };
        expected.AddRange(rows.Select(RowLine));
        expected.Add("");
        expected.Add(string.Create(Inv, $"recommended: threshold {best.Threshold.ToString("0.00##", Inv)}, smoothing {best.Smoothing}: detection {100 * best.DetectionRate:F1}% ({best.Hits}/8), {best.Wrong} wrong, {best.False} false = {best.FalsePerHour:F1} per hour"));
        expected.Add("per keyword: " + string.Join(", ", best.PerKeyword.Select(k => string.Create(Inv, $"{k.Keyword} {100.0 * k.Hits / k.Clips:F1}%"))));
        expected.Add("action configuration lines:");
        expected.Add($"threshold {best.Threshold.ToString(Inv)}");
        expected.Add($"smoothing {best.Smoothing}");
        Assert.Equal(string.Join("\n", expected) + "\n", output);
        Assert.Equal(["yes", "no", "up", "down"], best.PerKeyword.Select(k => k.Keyword));
        Assert.True(best.Hits >= 4, $"only {best.Hits} of 8 clean keyword clips detected");
        Assert.Equal((int)(12.0 * 50) - 49, kwInf); // one inference per 20 ms hop once the first 1 s window is full
    }

    [Fact]
    public void NoRecommendationWhenEverySettingExceedsTheLimit()
    {
        // the "background" is made of keyword clips, so every setting fires on it
        string dir = MakeData(3, ("yes", "yes"), ("_unknown_", "yes"));
        var (code, output, err) = CliRunner.Run("tune", "--model", Model, "--data", dir, "--clips-per-keyword", "1",
            "--thresholds", "0.5", "--smoothing", "1,3", "--max-false-per-hour", "10");
        Assert.True(code == 0, err);
        var (rows, _, _, _, _) = Expected(dir, [0.5f], [1, 3], 1);
        Assert.All(rows, r => Assert.True(r.False > 0));
        Assert.Null(TuneScoring.Recommend(rows, 10));
        var fewest = rows.OrderBy(x => x.False).ThenByDescending(x => x.Hits).First();
        string last = output.TrimEnd('\n').Split('\n')[^1];
        Assert.Equal(string.Create(Inv, $"recommended: none: no setting has at most 10 false detections per hour (fewest: threshold 0.50, smoothing {fewest.Smoothing} with {fewest.FalsePerHour:F1} per hour and {100 * fewest.DetectionRate:F1}% detection)"), last);
        Assert.DoesNotContain("action configuration lines", output);
    }

    [Fact]
    public void JsonHasEveryRowAndTheRecommendation()
    {
        string dir = MakeData(1, ("yes", "yes"), ("go", "go"), ("_silence_", "_silence_"));
        var (code, output, err) = CliRunner.Run("tune", "--model", Model, "--data", dir, "--thresholds", "0.7,0.8", "--smoothing", "3",
            "--refractory-ms", "500", "--release", "0.4", "--json");
        Assert.True(code == 0, err);
        ToolConventionsTests.AssertCamelCase(output, "labels"); // backgroundStream.labels is keyed by label (_unknown_, _silence_)
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("native-stream", root.GetProperty("engine").GetString());
        Assert.Equal(2, root.GetProperty("keywordStream").GetProperty("clips").GetInt32());
        Assert.Equal(1, root.GetProperty("backgroundStream").GetProperty("labels").GetProperty("_silence_").GetInt32());
        Assert.Equal(0, root.GetProperty("backgroundStream").GetProperty("labels").GetProperty("_unknown_").GetInt32());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([0.7, 0.8], rows.Select(r => Math.Round(r.GetProperty("threshold").GetDouble(), 4)));
        Assert.All(rows, r => Assert.Equal(3, r.GetProperty("smoothing").GetInt32()));
        var rec = root.GetProperty("recommended");
        if (rec.ValueKind != JsonValueKind.Null)
        {
            var config = rec.GetProperty("config").EnumerateArray().Select(e => e.GetString()).ToList();
            Assert.Equal(4, config.Count);
            Assert.Equal(["refractory_ms 500", "release 0.4"], config.Skip(2));
            Assert.Equal("smoothing 3", config[1]);
            // the lines are a valid firmware configuration
            var parsed = ActionConfigParser.Parse(string.Join("\n", config!));
            Assert.Equal(500, parsed.RefractoryMs);
        }
        int hits = rows.Sum(r => r.GetProperty("perKeyword").EnumerateArray().Sum(k => k.GetProperty("hits").GetInt32()));
        Assert.Equal(rows.Sum(r => r.GetProperty("hits").GetInt32()), hits);
    }

    [Fact]
    public void MissingDataFolderIsAnError()
    {
        string missing = Path.Combine(TestData.NewTempDir(), "nothing");
        var (code, output, err) = CliRunner.Run("tune", "--model", Model, "--data", missing);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --data {missing}: folder not found\n", err);
    }

    [Fact]
    public void FolderWithoutKeywordSubfoldersIsAnError()
    {
        string dir = MakeData(1, ("_unknown_", "_unknown_"), ("cat", "no"));
        var (code, output, err) = CliRunner.Run("tune", "--model", Model, "--data", dir);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --data {dir}: no .wav clips in a sub-folder named after any keyword of ds_cnn_s (yes, no, up, down, left, right, on, off, stop, go)\n", err);
    }

    [Fact]
    public void FolderWithoutBackgroundClipsIsAnError()
    {
        string dir = MakeData(1, ("yes", "yes"));
        var (code, _, err) = CliRunner.Run("tune", "--model", Model, "--data", dir);
        Assert.Equal(2, code);
        Assert.Equal($"error: --data {dir}: no .wav clips in _unknown_ or _silence_ for the background stream\n", err);
    }

    [Fact]
    public void BadClipIsAnErrorNamingTheFile()
    {
        string dir = MakeData(1, ("yes", "yes"), ("_silence_", "_silence_"));
        string bad = Path.Combine(dir, "yes", "zz.wav");
        File.WriteAllBytes(bad, WavReader.Encode(new short[100], 8000));
        var (code, _, err) = CliRunner.Run("tune", "--model", Model, "--data", dir, "--thresholds", "0.8", "--smoothing", "1");
        Assert.Equal(2, code);
        string last = err.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith($"error: {bad}: ", last);
        Assert.Contains("8000 Hz", err);
    }

    [Theory]
    [InlineData("--thresholds", "0.5,abc", "error: --thresholds: 'abc' is not a probability between 0 and 1")]
    [InlineData("--thresholds", "0.5,1.5", "error: --thresholds: '1.5' is not a probability between 0 and 1")]
    [InlineData("--thresholds", "0.5,,0.6", "error: --thresholds 0.5,,0.6: empty entry; expected comma-separated values like 0.5,0.6,0.7,0.75,0.8,0.85,0.9,0.95")]
    [InlineData("--smoothing", "1,0", "error: --smoothing: '0' is not an integer in 1..100")]
    [InlineData("--smoothing", "2.5", "error: --smoothing: '2.5' is not an integer in 1..100")]
    [InlineData("--release", "-0.1", "error: --release: '-0.1' is not a probability between 0 and 1")]
    [InlineData("--clips-per-keyword", "0", "error: --clips-per-keyword 0: must be at least 1")]
    [InlineData("--refractory-ms", "-1", "error: --refractory-ms -1: expected 0..3600000")]
    [InlineData("--max-false-per-hour", "-3", "error: --max-false-per-hour -3: must be 0 or more")]
    [InlineData("--interval", "0", "error: --interval 0: expected 1..100")]
    [InlineData("--interval", "101", "error: --interval 101: expected 1..100")]
    public void BadOptionValuesAreErrors(string option, string value, string expected)
    {
        // checked before the data folder and the model are touched
        var (code, output, err) = CliRunner.Run("tune", "--model", "unused", "--data", "unused", option, value);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(expected + "\n", err);
    }

    [Fact]
    public void UnknownModelIsAnError()
    {
        string dir = MakeData(1, ("yes", "yes"), ("_silence_", "_silence_"));
        var (code, output, err) = CliRunner.Run("tune", "--model", "no_such_model", "--data", dir);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("error: no_such_model: no such file, and not a catalog model id (see 'kwsnano models list')\n", err);
    }

    [Fact]
    public void HelpListsTheOptions()
    {
        var (code, output, _) = CliRunner.Run("tune", "--help");
        Assert.Equal(0, code);
        foreach (var o in new[] { "--model", "--data", "--clips-per-keyword", "--gap-ms", "--thresholds", "--smoothing", "--refractory-ms", "--release", "--interval", "--max-false-per-hour", "--background-clips", "--json", "--engine" })
        {
            Assert.Contains(o, output);
        }
    }
}
