using System.Globalization;
using KwsNano.Cli.Firmware;
using ScottPlot;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// The latency histogram of <c>monitor --svg</c>: detections per latency bin, with the p50, p90 and p99 markers as
/// dashed lines named in a legend beside the plot (so their labels are never clipped at the edge, nor overlap when
/// two percentiles are close or equal), and the mean and maximum in the legend too. The x range reaches one bin past
/// the fastest and slowest values, so a marker at the maximum is drawn inside the frame.
/// </summary>
public static class LatencyHistogramPlot
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 900, Height = 420;

    /// <summary>The percentiles marked, with their colours.</summary>
    public static readonly IReadOnlyList<(double Percent, string Hex)> Markers = [(50, "#2a9d2a"), (90, "#e08000"), (99, "#c82020")];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The legend text of a percentile marker: "p90 12.3 ms".</summary>
    public static string MarkerLabel(double percent, long us) => string.Create(Inv, $"p{percent:0} {us / 1000.0:F1} ms");

    /// <summary>Bin edges: from the whole millisecond at or below the fastest to the one at or above the slowest (at least 1 ms wide).</summary>
    public static (double Lo, double Hi) Span(LatencySummary summary)
    {
        double lo = Math.Floor(summary.Sorted[0] / 1000.0);
        double hi = Math.Max(Math.Ceiling(summary.Max / 1000.0), lo + 1);
        return (lo, hi);
    }

    /// <summary>Detections per bin over <see cref="Span"/> (the slowest lands in the last bin).</summary>
    public static int[] Counts(LatencySummary summary, int bins)
    {
        var (lo, hi) = Span(summary);
        double width = (hi - lo) / bins;
        var counts = new int[bins];
        foreach (long us in summary.Sorted)
        {
            counts[Math.Clamp((int)((us / 1000.0 - lo) / width), 0, bins - 1)]++;
        }
        return counts;
    }

    /// <summary>The figure for <paramref name="summary"/> in <paramref name="bins"/> bins.</summary>
    public static PlotImage Create(LatencySummary summary, string title, int bins = 20)
    {
        if (bins < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "at least one bin");
        }
        PlotFonts.Ensure();
        var plot = new Plot();
        string heading = title;
        plot.Title(heading);
        plot.XLabel("latency (ms), end of keyword window to GPIO edge");
        plot.YLabel("detections");
        int width = Math.Max(Width, (int)Math.Ceiling(PlotFonts.MeasureWidth(heading, 16, bold: true)) + 40);
        if (summary.Count == 0)
        {
            var none = plot.Add.Text("no detections", 0.5, 0.5);
            none.Alignment = Alignment.MiddleCenter;
            none.LabelFontSize = 16;
            plot.Axes.SetLimits(0, 1, 0, 1);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.HideGrid();
            return new PlotImage(plot, width, Height);
        }
        var (lo, hi) = Span(summary);
        double binWidth = (hi - lo) / bins;
        var counts = Counts(summary, bins);
        var bars = new List<Bar>();
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] > 0)
            {
                bars.Add(new Bar
                {
                    Position = lo + (b + 0.5) * binWidth,
                    Value = counts[b],
                    Size = binWidth * 0.92,
                    FillColor = Color.FromHex("#4878a8"),
                    LineWidth = 0,
                });
            }
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.LegendText = string.Create(Inv, $"detections ({summary.Count})");
        var patterns = new[] { LinePattern.Dashed, LinePattern.DenselyDashed, LinePattern.Dotted };
        for (int i = 0; i < Markers.Count; i++)
        {
            var (percent, hex) = Markers[i];
            long us = summary.Percentile(percent);
            var line = plot.Add.VerticalLine(us / 1000.0, 2, Color.FromHex(hex), patterns[i]);
            line.LegendText = MarkerLabel(percent, us);
        }
        var mean = plot.Add.VerticalLine(summary.Mean / 1000.0, 1, Colors.Gray, LinePattern.Solid);
        mean.LegendText = string.Create(Inv, $"mean {summary.Mean / 1000.0:F1} ms, max {summary.Max / 1000.0:F1} ms");
        plot.ShowLegend(Edge.Right);
        int maxCount = counts.Max();
        plot.Axes.SetLimits(lo - binWidth, hi + binWidth, 0, maxCount * 1.1); // markers at the slowest value stay inside
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.##", Inv) };
        return new PlotImage(plot, width, Height);
    }
}
