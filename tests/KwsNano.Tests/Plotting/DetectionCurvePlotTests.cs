using KwsNano.Cli.Plotting;
using KwsNano.Cli.Tuning;

namespace KwsNano.Tests.Plotting;

/// <summary>The detection-rate against false-alarms-per-hour curve of <c>tune --curve</c>.</summary>
public class DetectionCurvePlotTests
{
    internal static TuneReport Report(bool withBest = true)
    {
        var keywords = new TuneStream(new short[16000 * 15], 16000, Enumerable.Range(0, 10).Select(i => new TuneClip("yes", i * 24000L, $"y{i}.wav")).ToArray());
        var background = new TuneStream(new short[16000 * 360], 16000, []);
        TuneRow Row(float t, int s, int hits, int falses) => new(t, s, 10, hits, [("yes", 10, hits)], 0, falses, 360);
        var rows = new List<TuneRow> { Row(0.5f, 1, 10, 30), Row(0.9f, 1, 8, 6), Row(0.5f, 10, 9, 3), Row(0.9f, 10, 7, 0) };
        return new TuneReport("m", StreamScorer.Backend.NativeStream, keywords, ["yes"], 10, 500, 700, background, 1800, 900, 0.5f, 1, 60,
            rows, withBest ? rows[2] : null);
    }

    [Fact]
    public void SvgNamesTheAxesTheSmoothingLinesTheLimitAndTheRecommendation()
    {
        var image = DetectionCurvePlot.Create(Report(), 20, "m: detection against false detections per hour");
        var texts = PlotAssert.IsSvg(image.Svg(), image.Width, image.Height);
        Assert.Contains("false detections per hour (6.0 min of background)", texts);
        Assert.Contains("detection rate (%, 10 keyword clips)", texts);
        Assert.Contains("smoothing 1 (20 ms)", texts);
        Assert.Contains("smoothing 10 (200 ms)", texts);
        Assert.Contains("limit 60 false/h", texts);
        Assert.Contains("recommended (0.50, 10)", texts);
        Assert.Contains(texts, t => t.Contains("recommended: threshold 0.50, smoothing 10: 90.0% at 30.0 false/h"));
        Assert.Contains("0", texts);   // the log axis' left end: settings without false detections
        Assert.Contains("100", texts);
        PlotAssert.IsPng(image.Png(), image.Width, image.Height);
    }

    [Fact]
    public void ZeroFalseDetectionsSitLeftOfOne()
    {
        // one false detection in 360 s is 10 per hour; zero is drawn at half of it
        Assert.Equal(5, DetectionCurvePlot.ZeroAt(360), 9);
        var image = DetectionCurvePlot.Create(Report(withBest: false), 20, "t");
        var x = image.Plot.Axes.Bottom.Range;
        Assert.True(x.Min < Math.Log10(5) && x.Max > Math.Log10(300), $"{x.Min}..{x.Max}");
    }
}
