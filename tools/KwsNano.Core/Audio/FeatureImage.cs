using System.Text;

namespace KwsNano.Audio;

/// <summary>
/// A raw picture of a [frames x coefficients] int8 feature matrix: time runs left to right (one column per
/// frame), coefficient 0 at the top, grey level = value + 128 (-128 black, 127 white), not rescaled (the data as
/// the model sees it). The plotted SVG/PNG version, autoscaled with a colour bar, is the tool's FeaturePlot.
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

    private static void Check(ReadOnlySpan<sbyte> features, int frames, int coeffs)
    {
        if (frames < 1 || coeffs < 1 || features.Length != frames * coeffs)
        {
            throw new ArgumentException($"{features.Length} features do not form {frames} x {coeffs}");
        }
    }
}
