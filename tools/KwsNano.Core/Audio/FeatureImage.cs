using System.Globalization;
using System.Text;

namespace KwsNano.Audio;

/// <summary>
/// Pictures of a [frames x coefficients] int8 feature matrix: time runs left to right (one column per
/// frame), coefficient 0 at the top, grey level = value (-128 black, 127 white).
/// </summary>
public static class FeatureImage
{
    /// <summary>Binary PGM (P5), <paramref name="scale"/> pixels per value.</summary>
    public static byte[] Pgm(ReadOnlySpan<sbyte> features, int frames, int coeffs, int scale = 8)
    {
        Check(features, frames, coeffs);
        int w = frames * scale, h = coeffs * scale;
        byte[] header = Encoding.ASCII.GetBytes($"P5\n{w} {h}\n255\n");
        var bytes = new byte[header.Length + w * h];
        header.CopyTo(bytes, 0);
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                bytes[header.Length + y * w + x] = (byte)(features[(x / scale) * coeffs + y / scale] + 128);
            }
        }
        return bytes;
    }

    /// <summary>SVG with one rectangle per value and axis labels.</summary>
    public static string Svg(ReadOnlySpan<sbyte> features, int frames, int coeffs, string title, int scale = 12)
    {
        Check(features, frames, coeffs);
        const int left = 40, top = 30;
        int w = left + frames * scale + 10, h = top + coeffs * scale + 30;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        sb.Append(inv, $"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n");
        sb.Append(inv, $"<text x=\"{left}\" y=\"18\" font-size=\"13\">{System.Security.SecurityElement.Escape(title)}</text>\n");
        for (int f = 0; f < frames; f++)
        {
            for (int c = 0; c < coeffs; c++)
            {
                int g = features[f * coeffs + c] + 128;
                sb.Append(inv, $"<rect x=\"{left + f * scale}\" y=\"{top + c * scale}\" width=\"{scale}\" height=\"{scale}\" fill=\"rgb({g},{g},{g})\"/>\n");
            }
        }
        for (int c = 0; c < coeffs; c++)
        {
            sb.Append(inv, $"<text x=\"{left - 4}\" y=\"{top + c * scale + scale - 2}\" text-anchor=\"end\">c{c}</text>\n");
        }
        sb.Append(inv, $"<text x=\"{left}\" y=\"{top + coeffs * scale + 16}\">frame 0</text>\n");
        sb.Append(inv, $"<text x=\"{left + frames * scale}\" y=\"{top + coeffs * scale + 16}\" text-anchor=\"end\">frame {frames - 1}</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static void Check(ReadOnlySpan<sbyte> features, int frames, int coeffs)
    {
        if (frames < 1 || coeffs < 1 || features.Length != frames * coeffs)
        {
            throw new ArgumentException($"{features.Length} features do not form {frames} x {coeffs}");
        }
    }
}
