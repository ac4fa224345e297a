using System.Globalization;
using System.Security;
using System.Text;

namespace KwsNano.Eval;

/// <summary>Draws a confusion matrix as a self-contained SVG heat map (rows normalised per true class).</summary>
public static class ConfusionSvg
{
    /// <summary>SVG text for <paramref name="matrix"/> with an optional <paramref name="title"/>.</summary>
    public static string Render(ConfusionMatrix matrix, string title = "")
    {
        const int cell = 44, left = 110, top = 120;
        int n = matrix.Labels.Count;
        int width = left + n * cell + 20, height = top + n * cell + 50;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        string heading = (title.Length > 0 ? title + " - " : "") + $"top-1 {100 * matrix.Accuracy:F2}% ({matrix.Correct}/{matrix.Total})";
        sb.Append(inv, $"<text x=\"10\" y=\"20\" font-size=\"14\">{Esc(heading)}</text>\n");
        sb.Append(inv, $"<text x=\"{left + n * cell / 2}\" y=\"40\" text-anchor=\"middle\">predicted</text>\n");
        sb.Append(inv, $"<text x=\"14\" y=\"{top + n * cell / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {top + n * cell / 2})\">true</text>\n");
        for (int i = 0; i < n; i++)
        {
            int cx = left + i * cell + cell / 2;
            sb.Append(inv, $"<text x=\"{cx}\" y=\"{top - 6}\" transform=\"rotate(-60 {cx} {top - 6})\">{Esc(matrix.Labels[i])}</text>\n");
            sb.Append(inv, $"<text x=\"{left - 6}\" y=\"{top + i * cell + cell / 2 + 4}\" text-anchor=\"end\">{Esc(matrix.Labels[i])}</text>\n");
        }
        for (int a = 0; a < n; a++)
        {
            int rowTotal = matrix.RowTotal(a);
            for (int p = 0; p < n; p++)
            {
                int count = matrix[a, p];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                // white -> blue for the diagonal, white -> red off the diagonal
                int fade = (int)Math.Round(255 * (1 - share));
                string fill = a == p ? $"rgb({fade},{fade},255)" : $"rgb(255,{fade},{fade})";
                int x = left + p * cell, y = top + a * cell;
                sb.Append(inv, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" stroke=\"#ccc\"/>\n");
                if (count > 0)
                {
                    string ink = share > 0.6 ? "white" : "black";
                    sb.Append(inv, $"<text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 4}\" text-anchor=\"middle\" fill=\"{ink}\">{count}</text>\n");
                }
            }
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
