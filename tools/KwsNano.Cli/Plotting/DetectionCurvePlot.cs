using System.Globalization;
using KwsNano.Cli.Rendering;
using KwsNano.Cli.Tuning;
using ScottPlot;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// The curve of <c>tune --curve</c>: detection rate against false detections per hour, one line per smoothing
/// window through its thresholds (read like a DET curve: up and to the left is better), the false-alarm limit as a
/// vertical line and the recommended setting as a large marker. The false-alarm axis is logarithmic, as DET plots
/// are; settings with no false detection sit at its left end, labelled 0 (half of one detection per background).
/// </summary>
public static class DetectionCurvePlot
{
    /// <summary>Figure size in pixels.</summary>
    public const int Width = 960, Height = 560;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The legend text of a smoothing window's line: "smoothing 10 (200 ms)".</summary>
    public static string SeriesLabel(int smoothing, int hopMs) => string.Create(Inv, $"smoothing {smoothing} ({smoothing * hopMs} ms)");

    /// <summary>Where 0 false detections per hour is drawn on the log axis: half of one detection in the background.</summary>
    public static double ZeroAt(double backgroundSeconds) => backgroundSeconds > 0 ? 0.5 * 3600 / backgroundSeconds : 0.1;

    /// <summary>The figure for the rows of <paramref name="report"/>; frames are <paramref name="hopMs"/> apart.</summary>
    public static PlotImage Create(TuneReport report, int hopMs, string title)
    {
        PlotFonts.Ensure();
        var plot = new Plot();
        double zero = ZeroAt(report.Background.Seconds);
        double X(double perHour) => Math.Log10(Math.Max(perHour, zero));
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var group in report.Rows.GroupBy(r => r.Smoothing).OrderBy(g => g.Key))
        {
            // by threshold, high to low: false alarms and detections both grow along the line
            var points = group.OrderByDescending(r => r.Threshold).ThenBy(r => r.FalsePerHour).ToArray();
            var scatter = plot.Add.Scatter(points.Select(r => X(r.FalsePerHour)).ToArray(), points.Select(r => 100 * r.DetectionRate).ToArray(), palette.GetColor(k++));
            scatter.LegendText = SeriesLabel(group.Key, hopMs);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 7;
        }
        var limit = plot.Add.VerticalLine(X(report.Limit), 2, Colors.Gray, LinePattern.Dashed);
        limit.LegendText = string.Create(Inv, $"limit {report.Limit:0.#} false/h");
        if (report.Best is TuneRow best)
        {
            var marker = plot.Add.Marker(X(best.FalsePerHour), 100 * best.DetectionRate, MarkerShape.OpenCircle, 22, Colors.Black);
            marker.LegendText = string.Create(Inv, $"recommended ({TuneTextRenderer.Threshold(best.Threshold)}, {best.Smoothing})");
            title += string.Create(Inv,
                $"\nrecommended: threshold {TuneTextRenderer.Threshold(best.Threshold)}, smoothing {best.Smoothing}: {100 * best.DetectionRate:F1}% at {best.FalsePerHour:F1} false/h");
            marker.LineWidth = 2;
        }
        plot.ShowLegend(Edge.Right);
        double maxX = X(Math.Max(report.Limit, report.Rows.Max(r => r.FalsePerHour)));
        double minY = Math.Min(report.Rows.Min(r => 100 * r.DetectionRate), 100);
        double left = X(zero), right = Math.Max(maxX, left + 1);
        double pad = (right - left) * 0.04;
        plot.Axes.SetLimits(left - pad, right + pad, Math.Max(0, Math.Floor(minY / 5) * 5 - 5), 101);
        plot.Axes.Bottom.TickGenerator = LogTicks(zero, Math.Pow(10, right));
        plot.XLabel(string.Create(Inv, $"false detections per hour ({report.Background.Seconds / 60:F1} min of background)"));
        plot.YLabel(string.Create(Inv, $"detection rate (%, {report.Keywords.Clips.Count} keyword clips)"));
        plot.Title(title);
        float widest = title.Split('\n').Max(line => PlotFonts.MeasureWidth(line, 16, bold: true));
        int width = Math.Max(Width, (int)Math.Ceiling(widest) + 40);
        return new PlotImage(plot, width, Height);
    }

    /// <summary>Ticks of the log axis: "0" at <paramref name="zero"/>, labelled 1-2-5 steps of each decade above it, minor ticks between.</summary>
    private static ScottPlot.TickGenerators.NumericManual LogTicks(double zero, double max)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        ticks.AddMajor(Math.Log10(zero), "0");
        for (double decade = Math.Pow(10, Math.Floor(Math.Log10(zero))); decade <= max * 10; decade *= 10)
        {
            for (int m = 1; m <= 9; m++)
            {
                double v = decade * m;
                if (v <= zero * 1.3 || v > max * 1.5)
                {
                    continue;
                }
                if (m is 1 or 2 or 5)
                {
                    ticks.AddMajor(Math.Log10(v), v.ToString("0.###", Inv));
                }
                else
                {
                    ticks.AddMinor(Math.Log10(v));
                }
            }
        }
        return ticks;
    }
}
