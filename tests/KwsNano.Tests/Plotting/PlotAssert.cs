using System.Buffers.Binary;
using System.Xml.Linq;
using KwsNano.Cli.Plotting;
using ScottPlot;
using SkiaSharp;

namespace KwsNano.Tests.Plotting;

/// <summary>Structural checks of rendered plots: PNG signature and size, SVG well-formed with its text, pixel colours.</summary>
public static class PlotAssert
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts a PNG of <paramref name="width"/> x <paramref name="height"/> (signature and IHDR chunk).</summary>
    public static void IsPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 33, $"{png.Length} bytes");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Asserts well-formed SVG of the given size and returns its text content, one string per text element, trimmed.</summary>
    public static List<string> IsSvg(string svg, int width, int height)
    {
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        Assert.Equal(width.ToString(), doc.Root.Attribute("width")!.Value);
        Assert.Equal(height.ToString(), doc.Root.Attribute("height")!.Value);
        return doc.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
    }

    /// <summary>The PNG of <paramref name="image"/> decoded, and a function from plot coordinates to the pixel's colour there.</summary>
    public static Func<double, double, SKColor> Sampler(PlotImage image)
    {
        var bitmap = SKBitmap.Decode(image.Png()); // renders, so GetPixel below maps with this render's layout
        return (x, y) =>
        {
            var p = image.Plot.GetPixel(new Coordinates(x, y));
            return bitmap.GetPixel((int)Math.Round(p.X), (int)Math.Round(p.Y));
        };
    }

    /// <summary>Perceived brightness 0..255 (ITU-R BT.601 weights).</summary>
    public static double Brightness(SKColor c) => 0.299 * c.Red + 0.587 * c.Green + 0.114 * c.Blue;
}
