using System.Globalization;
using System.Net;
using System.Text;

namespace KwsNano.Cli.Reporting;

/// <summary>
/// SVG chart of a <see cref="SurveyReport"/>: per model, top-1 accuracy (left panel, 0..100 %) and milliseconds
/// per inference on the report's first benchmarked core (right panel, scaled to the slowest), with the value on each bar.
/// </summary>
public static class SurveySvgChart
{
    private const int RowHeight = 22, LabelWidth = 130, PanelWidth = 300, Gap = 40, Top = 40;

    /// <summary>The chart as a standalone SVG document.</summary>
    public static string Render(SurveyReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        int width = LabelWidth + 2 * PanelWidth + Gap + 60;
        int height = Top + report.Rows.Count * RowHeight + 30;
        var target = report.Targets.FirstOrDefault();
        double? Ms(SurveyRow r) => target == null ? null : r.Bench.FirstOrDefault(b => b.Cpu == target.Cpu)?.Milliseconds;
        double maxMs = report.Rows.Select(r => Ms(r) ?? 0).DefaultIfEmpty(0).Max();
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        int x1 = LabelWidth, x2 = LabelWidth + PanelWidth + Gap;
        sb.Append(inv, $"<text x=\"{x1}\" y=\"20\" font-weight=\"bold\">top-1 accuracy (%)</text>\n");
        if (target != null)
        {
            string clock = target.Clock.Mhz.ToString("0.###", inv);
            sb.Append(inv, $"<text x=\"{x2}\" y=\"20\" font-weight=\"bold\">{WebUtility.HtmlEncode(target.Name)}: est. ms per inference at {clock} MHz</text>\n");
        }
        for (int i = 0; i < report.Rows.Count; i++)
        {
            var r = report.Rows[i];
            int y = Top + i * RowHeight;
            sb.Append(inv, $"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{WebUtility.HtmlEncode(r.Model)}</text>\n");
            if (r.Top1Percent is { } t)
            {
                double w = PanelWidth * Math.Clamp(t, 0, 100) / 100.0;
                sb.Append(inv, $"<rect x=\"{x1}\" y=\"{y + 3}\" width=\"{w:F1}\" height=\"{RowHeight - 6}\" fill=\"#4a7ebb\"/>\n");
                sb.Append(inv, $"<text x=\"{x1 + w + 4:F1}\" y=\"{y + 15}\">{t:F1}</text>\n");
            }
            if (Ms(r) is { } ms && maxMs > 0)
            {
                double w = PanelWidth * ms / maxMs;
                sb.Append(inv, $"<rect x=\"{x2}\" y=\"{y + 3}\" width=\"{w:F1}\" height=\"{RowHeight - 6}\" fill=\"#d8843a\"/>\n");
                sb.Append(inv, $"<text x=\"{x2 + w + 4:F1}\" y=\"{y + 15}\">{ms:F2}</text>\n");
            }
        }
        int axis = Top + report.Rows.Count * RowHeight + 4;
        sb.Append(inv, $"<line x1=\"{x1}\" y1=\"{axis}\" x2=\"{x1 + PanelWidth}\" y2=\"{axis}\" stroke=\"black\"/>\n");
        sb.Append(inv, $"<line x1=\"{x2}\" y1=\"{axis}\" x2=\"{x2 + PanelWidth}\" y2=\"{axis}\" stroke=\"black\"/>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }
}
