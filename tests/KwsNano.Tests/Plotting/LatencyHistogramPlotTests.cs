using KwsNano.Cli;
using KwsNano.Cli.Firmware;
using KwsNano.Cli.Plotting;

namespace KwsNano.Tests.Plotting;

/// <summary>The latency histogram of <c>monitor --svg</c>.</summary>
public class LatencyHistogramPlotTests
{
    // 20, 40, 60 and 100 ms: p50 = 40, p90 = p99 = 100 = the maximum (nearest rank)
    private static readonly LatencySummary Summary = new([40000, 60000, 20000, 100000]);

    [Fact]
    public void PercentileLabelsAreLegendEntriesAndAllAppear()
    {
        // before: p90 and p99 were drawn as text 3 px right of their lines: at the maximum they ran off the plot,
        // and two close percentiles wrote over each other
        string svg = LatencyHistogramPlot.Create(Summary, "KwsNano detection latency (4 detections)").Svg();
        var texts = PlotAssert.IsSvg(svg, LatencyHistogramPlot.Width, LatencyHistogramPlot.Height);
        Assert.Contains("p50 40.0 ms", texts);
        Assert.Contains("p90 100.0 ms", texts);
        Assert.Contains("p99 100.0 ms", texts);
        Assert.Contains("mean 55.0 ms, max 100.0 ms", texts);
        Assert.Contains("latency (ms), end of keyword window to GPIO edge", texts);
        Assert.Contains("KwsNano detection latency (4 detections)", texts);

        var image = LatencyHistogramPlot.Create(Summary, "t");
        var legend = image.Plot.Legend.GetItems().Select(i => i.LabelText).ToList();
        Assert.Equal(["detections (4)", "p50 40.0 ms", "p90 100.0 ms", "p99 100.0 ms", "mean 55.0 ms, max 100.0 ms"], legend);
        // the markers at the slowest value lie inside the axis, a bin clear of its edge
        var x = image.Plot.Axes.Bottom.Range;
        Assert.True(x.Max > 100 && x.Min < 20, $"x axis {x.Min}..{x.Max}");
    }

    [Fact]
    public void BinsCountEveryDetectionOnce()
    {
        var counts = LatencyHistogramPlot.Counts(Summary, 20);
        Assert.Equal(4, counts.Sum());
        Assert.Equal((20.0, 100.0), LatencyHistogramPlot.Span(Summary));
        Assert.Equal(1, counts[^1]); // the slowest lands in the last bin
        Assert.Equal(1, counts[0]);
    }

    [Fact]
    public void SavesPngOrSvgByExtensionAndRefusesOthers()
    {
        string dir = TestData.NewTempDir();
        string png = Path.Combine(dir, "lat.png"), svg = Path.Combine(dir, "lat.SVG"), jpg = Path.Combine(dir, "lat.jpg");
        LatencyHistogramPlot.Create(Summary, "t").Save(png);
        PlotAssert.IsPng(File.ReadAllBytes(png), LatencyHistogramPlot.Width, LatencyHistogramPlot.Height);
        LatencyHistogramPlot.Create(Summary, "t").Save(svg);
        PlotAssert.IsSvg(File.ReadAllText(svg), LatencyHistogramPlot.Width, LatencyHistogramPlot.Height);
        var e = Assert.Throws<ArgumentException>(() => LatencyHistogramPlot.Create(Summary, "t").Save(jpg));
        Assert.Contains("not a .svg or .png file name", e.Message);
        Assert.False(File.Exists(jpg));
        Directory.Delete(dir, true);
    }

    [Fact]
    public void WithoutDetectionsSaysSo()
    {
        var texts = PlotAssert.IsSvg(LatencyHistogramPlot.Create(new LatencySummary([]), "none").Svg(), LatencyHistogramPlot.Width, LatencyHistogramPlot.Height);
        Assert.Contains("no detections", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("p50"));
    }
}
