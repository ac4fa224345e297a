using System.Globalization;
using KwsNano.Eval;
using ScottPlot;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// The confusion matrix of <c>eval --confusion</c>: one cell per (true, predicted) pair, coloured by the share of the
/// true class's clips (row percentage, 0..100 % on a colour bar), each non-empty cell labelled with its count and row
/// percentage; empty cells stay white so that every confusion, however rare, stands out.
/// </summary>
public static class ConfusionPlot
{
    /// <summary>Pixels per cell.</summary>
    public const int Cell = 64;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The text of a cell's row percentage (one decimal, "%").</summary>
    public static string Percent(int count, int rowTotal) => (100.0 * count / rowTotal).ToString("0.0", Inv) + "%";

    /// <summary>The figure for <paramref name="matrix"/>; <paramref name="title"/> is followed by the top-1 accuracy.</summary>
    public static PlotImage Create(ConfusionMatrix matrix, string title)
    {
        PlotFonts.Ensure();
        int n = matrix.Labels.Count;
        var plot = new Plot();
        var shares = new double[n, n];
        for (int a = 0; a < n; a++)
        {
            int total = matrix.RowTotal(a);
            for (int p = 0; p < n; p++)
            {
                shares[a, p] = matrix[a, p] == 0 || total == 0 ? double.NaN : 100.0 * matrix[a, p] / total;
            }
        }
        IColormap colormap = new ScottPlot.Colormaps.Viridis();
        var heatmap = plot.Add.Heatmap(shares);
        // one rectangle per cell: an embedded bitmap is scaled up, and SVG viewers blur its cells together
        heatmap.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();
        heatmap.Colormap = colormap;
        heatmap.ManualRange = new ScottPlot.Range(0, 100);
        heatmap.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "% of the true class's clips (row %)";
        bar.LabelStyle.FontSize = 13;

        for (int a = 0; a < n; a++)
        {
            int total = matrix.RowTotal(a);
            for (int p = 0; p < n; p++)
            {
                int count = matrix[a, p];
                if (count == 0)
                {
                    continue;
                }
                var fill = colormap.GetColor(shares[a, p] / 100);
                var ink = Ink(fill);
                double y = n - 1 - a;
                AddCellText(plot, count.ToString(Inv), p, y, -8, 13, bold: true, ink);
                AddCellText(plot, Percent(count, total), p, y, 9, 11, bold: false, ink);
            }
        }

        var columns = new ScottPlot.TickGenerators.NumericManual();
        var rows = new ScottPlot.TickGenerators.NumericManual();
        float longestColumn = 0, longestRow = 0;
        for (int i = 0; i < n; i++)
        {
            columns.AddMajor(i, matrix.Labels[i]);
            string row = $"{matrix.Labels[i]} ({matrix.RowTotal(i).ToString(Inv)})";
            rows.AddMajor(n - 1 - i, row);
            longestColumn = Math.Max(longestColumn, PlotFonts.MeasureWidth(matrix.Labels[i], 12));
            longestRow = Math.Max(longestRow, PlotFonts.MeasureWidth(row, 12));
        }
        plot.Axes.Bottom.TickGenerator = columns;
        plot.Axes.Left.TickGenerator = rows;
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = longestColumn * 0.75f + 40;
        plot.HideGrid();
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.XLabel("predicted class");
        plot.YLabel("true class (clips)");
        string heading = (title.Length > 0 ? title + ": " : "") +
            string.Create(Inv, $"top-1 {100 * matrix.Accuracy:F2}% ({matrix.Correct}/{matrix.Total})");
        plot.Title(heading);

        int plotSide = Math.Max(5, n) * Cell; // room for the colour bar's label
        int width = (int)Math.Ceiling(longestRow + 60 + plotSide + 150);
        width = Math.Max(width, (int)Math.Ceiling(PlotFonts.MeasureWidth(heading, 16, bold: true)) + 40);
        int height = (int)Math.Ceiling(60 + plotSide + longestColumn * 0.75f + 80);
        return new PlotImage(plot, width, height);
    }

    /// <summary>Black on light fills, white on dark ones (perceived brightness, ITU-R BT.601 weights).</summary>
    public static Color Ink(Color fill) => 0.299 * fill.R + 0.587 * fill.G + 0.114 * fill.B > 140 ? Colors.Black : Colors.White;

    private static void AddCellText(Plot plot, string text, double x, double y, float offsetY, float size, bool bold, Color ink)
    {
        var t = plot.Add.Text(text, x, y);
        t.Alignment = Alignment.MiddleCenter;
        t.OffsetY = offsetY;
        t.LabelFontSize = size;
        t.LabelBold = bold;
        t.LabelFontColor = ink;
    }
}
