using System.Globalization;
using System.Text;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders the features of <c>kwsnano features</c>: one line per frame, as a fixed-width table or CSV.</summary>
public static class FeaturesTableRenderer
{
    /// <summary>
    /// Writes <paramref name="q"/> (or the floats <paramref name="f"/> when given), [frames x coeffs] frame-major, with a
    /// header line <c>frame c0 c1 ...</c>.
    /// </summary>
    public static void Render(TextWriter w, int frames, int coeffs, sbyte[] q, float[]? f, bool csv)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        string Cell(int i) => f != null ? f[i].ToString("F5", inv) : q[i].ToString(inv);
        int width = f != null ? 10 : 5;
        sb.Append("frame");
        for (int c = 0; c < coeffs; c++)
        {
            sb.Append(csv ? ",c" + c.ToString(inv) : ("c" + c.ToString(inv)).PadLeft(width));
        }
        sb.Append('\n');
        for (int r = 0; r < frames; r++)
        {
            sb.Append(csv ? r.ToString(inv) : r.ToString(inv).PadLeft(5));
            for (int c = 0; c < coeffs; c++)
            {
                sb.Append(csv ? "," + Cell(r * coeffs + c) : Cell(r * coeffs + c).PadLeft(width));
            }
            sb.Append('\n');
        }
        w.Write(sb.ToString());
    }
}
