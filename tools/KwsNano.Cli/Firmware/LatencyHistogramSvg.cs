using System.Globalization;
using System.Text;

namespace KwsNano.Cli.Firmware;

/// <summary>Draws a latency histogram as a standalone SVG document (bars, axes, percentile markers).</summary>
public static class LatencyHistogramSvg
{
    private const int Width = 640, Height = 360, Left = 60, Right = 20, Top = 40, Bottom = 50;

    /// <summary>SVG text for the latencies of <paramref name="summary"/> in <paramref name="bins"/> bins.</summary>
    public static string Render(LatencySummary summary, string title, int bins = 20)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(ci, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n");
        sb.Append(ci, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n");
        int plotW = Width - Left - Right, plotH = Height - Top - Bottom;
        sb.Append(ci, $"<line x1=\"{Left}\" y1=\"{Top + plotH}\" x2=\"{Left + plotW}\" y2=\"{Top + plotH}\" stroke=\"black\"/>\n");
        sb.Append(ci, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" stroke=\"black\"/>\n");
        sb.Append(ci, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 12}\" text-anchor=\"middle\">latency (ms), end of keyword window to GPIO edge</text>\n");
        sb.Append(ci, $"<text x=\"16\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Top + plotH / 2})\">detections</text>\n");
        if (summary.Count == 0)
        {
            sb.Append(ci, $"<text x=\"{Left + plotW / 2}\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\">no detections</text>\n");
            sb.Append("</svg>\n");
            return sb.ToString();
        }
        double minMs = summary.Sorted[0] / 1000.0, maxMs = summary.Max / 1000.0;
        double lo = Math.Floor(minMs), hi = Math.Max(Math.Ceiling(maxMs), lo + 1);
        double binW = (hi - lo) / bins;
        var counts = new int[bins];
        foreach (var us in summary.Sorted)
        {
            int b = (int)((us / 1000.0 - lo) / binW);
            counts[Math.Clamp(b, 0, bins - 1)]++;
        }
        int maxCount = counts.Max();
        double barW = (double)plotW / bins;
        for (int b = 0; b < bins; b++)
        {
            if (counts[b] == 0)
            {
                continue;
            }
            double h = (double)counts[b] / maxCount * plotH;
            sb.Append(ci, $"<rect x=\"{Left + b * barW + 1:F1}\" y=\"{Top + plotH - h:F1}\" width=\"{barW - 2:F1}\" height=\"{h:F1}\" fill=\"#4878a8\"><title>{lo + b * binW:F1}-{lo + (b + 1) * binW:F1} ms: {counts[b]}</title></rect>\n");
        }
        for (int k = 0; k <= 4; k++)
        {
            double v = lo + (hi - lo) * k / 4;
            double x = Left + plotW * k / 4.0;
            sb.Append(ci, $"<text x=\"{x:F1}\" y=\"{Top + plotH + 16}\" text-anchor=\"middle\">{v:F1}</text>\n");
        }
        sb.Append(ci, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{maxCount}</text>\n");
        sb.Append(ci, $"<text x=\"{Left - 6}\" y=\"{Top + plotH}\" text-anchor=\"end\">0</text>\n");
        foreach (var (p, color) in new[] { (50.0, "#2a2"), (90.0, "#e80"), (99.0, "#c22") })
        {
            double ms = summary.Percentile(p) / 1000.0;
            double x = Left + (ms - lo) / (hi - lo) * plotW;
            sb.Append(ci, $"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Top + plotH}\" stroke=\"{color}\" stroke-dasharray=\"4 3\"/>\n");
            sb.Append(ci, $"<text x=\"{x + 3:F1}\" y=\"{Top + 12 + (p == 50 ? 0 : p == 90 ? 14 : 28)}\" fill=\"{color}\">p{p:F0} {ms:F1}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
