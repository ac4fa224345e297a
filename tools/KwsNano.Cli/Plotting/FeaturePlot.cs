using System.Globalization;
using ScottPlot;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// The feature image of <c>features --image</c>: the int8 model input as a heat map, time in ms left to right (one
/// column per frame, placed at the frame's start), coefficient 0 at the top. The colour scale is autoscaled to the
/// clip's 2nd..98th percentile (a colour bar shows it; the few values outside, mostly c0's loudest and quietest
/// frames, saturate), so the picture has full contrast whatever the quantisation's zero point and scale.
/// </summary>
public static class FeaturePlot
{
    /// <summary>Pixels per frame column.</summary>
    public const int ColumnWidth = 14;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Lower and upper percentile of the values that span the colour scale.</summary>
    public const double LowPercentile = 2, HighPercentile = 98;

    /// <summary>
    /// The colour range: the values' <see cref="LowPercentile"/> and <see cref="HighPercentile"/> (nearest rank),
    /// widened to the full minimum..maximum when that is narrower than 2, and by one when all values are equal.
    /// </summary>
    public static (int Min, int Max) Range(ReadOnlySpan<sbyte> features)
    {
        var sorted = features.ToArray();
        Array.Sort(sorted);
        int Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        int lo = Rank(LowPercentile), hi = Rank(HighPercentile);
        if (hi - lo < 2)
        {
            lo = sorted[0];
            hi = sorted[^1];
        }
        return lo < hi ? (lo, hi) : (lo - 1, hi + 1);
    }

    /// <summary>
    /// The figure for <paramref name="features"/> ([frames x coeffs], frame-major); frames are
    /// <paramref name="hopMs"/> apart and <paramref name="windowMs"/> long.
    /// </summary>
    public static PlotImage Create(ReadOnlySpan<sbyte> features, int frames, int coeffs, double hopMs, double windowMs, string title)
    {
        if (frames < 1 || coeffs < 1 || features.Length != frames * coeffs)
        {
            throw new ArgumentException($"{features.Length} features do not form {frames} x {coeffs}");
        }
        if (!(hopMs > 0))
        {
            throw new ArgumentException($"frame hop {hopMs} ms: must be positive");
        }
        PlotFonts.Ensure();
        var values = new double[coeffs, frames];
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < coeffs; c++)
            {
                values[c, f] = features[f * coeffs + c];
            }
        }
        var (min, max) = Range(features);
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        // one rectangle per cell: an embedded bitmap is scaled up, and SVG viewers blur its cells together
        heatmap.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(min, max);
        double endMs = frames * hopMs;
        heatmap.Extent = new CoordinateRect(0, endMs, 0, coeffs);
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = string.Create(Inv, $"int8 value (scale {min}..{max}; clip {features.ToArray().Min()}..{features.ToArray().Max()})");
        bar.LabelStyle.FontSize = 12;

        var rows = new ScottPlot.TickGenerators.NumericManual();
        int step = coeffs <= 16 ? 1 : 5;
        for (int c = 0; c < coeffs; c += step)
        {
            rows.AddMajor(coeffs - c - 0.5, "c" + c.ToString(Inv));
        }
        plot.Axes.Left.TickGenerator = rows;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => v.ToString("0.#", Inv) };
        plot.Axes.SetLimits(0, endMs, 0, coeffs);
        plot.HideGrid();
        plot.XLabel(string.Create(Inv, $"time (ms): frame start, hop {hopMs:0.##} ms, window {windowMs:0.##} ms"));
        plot.YLabel("coefficient");
        plot.Title(title);

        int cellHeight = Math.Clamp(240 / coeffs, 6, 24);
        int width = 110 + frames * ColumnWidth + 150;
        width = Math.Max(width, (int)Math.Ceiling(PlotFonts.MeasureWidth(title, 16, bold: true)) + 40);
        width = Math.Max(width, (int)Math.Ceiling(PlotFonts.MeasureWidth(plot.Axes.Bottom.Label.Text, 16, bold: true)) + 260);
        int height = 70 + coeffs * cellHeight + 80;
        return new PlotImage(plot, width, height);
    }
}
