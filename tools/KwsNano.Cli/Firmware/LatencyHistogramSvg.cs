using KwsNano.Cli.Plotting;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// The latency histogram (bars, axes, p50/p90/p99 markers named in a legend) as SVG text or as a file whose extension
/// (.svg or .png) chooses the format. Drawn by <see cref="LatencyHistogramPlot"/> (ScottPlot).
/// </summary>
public static class LatencyHistogramSvg
{
    /// <summary>Standalone SVG document for the latencies of <paramref name="summary"/> in <paramref name="bins"/> bins.</summary>
    public static string Render(LatencySummary summary, string title, int bins = 20) =>
        StripXmlDeclaration(LatencyHistogramPlot.Create(summary, title, bins).Svg());

    /// <summary>Writes the histogram to <paramref name="path"/>: SVG or PNG by its extension (check it first with <see cref="PlotFile.Check"/>).</summary>
    public static void Save(LatencySummary summary, string title, string path, int bins = 20)
    {
        var format = PlotFile.TryFormatOf(path) ?? throw new CliException($"{path}: the file name must end in .svg or .png (the extension chooses the image format)");
        if (format == PlotFormat.Svg)
        {
            File.WriteAllText(path, Render(summary, title, bins));
        }
        else
        {
            File.WriteAllBytes(path, LatencyHistogramPlot.Create(summary, title, bins).Png());
        }
    }

    /// <summary>The document from its root element on (ScottPlot starts with an XML declaration).</summary>
    private static string StripXmlDeclaration(string svg)
    {
        int root = svg.IndexOf("<svg", StringComparison.Ordinal);
        return root > 0 ? svg[root..] : svg;
    }
}
