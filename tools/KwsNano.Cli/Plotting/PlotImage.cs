using ScottPlot;

namespace KwsNano.Cli.Plotting;

/// <summary>A finished plot and the pixel size it is drawn at, written as SVG or PNG.</summary>
public sealed class PlotImage
{
    /// <summary>Wraps <paramref name="plot"/> drawn at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public PlotImage(Plot plot, int width, int height)
    {
        Plot = plot;
        Width = width;
        Height = height;
    }

    /// <summary>The ScottPlot figure.</summary>
    public Plot Plot { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>SVG text of the figure.</summary>
    public string Svg() => Plot.GetSvgXml(Width, Height);

    /// <summary>PNG bytes of the figure.</summary>
    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <summary>The figure encoded as <paramref name="format"/>.</summary>
    public byte[] Encode(PlotFormat format) => format == PlotFormat.Svg ? System.Text.Encoding.UTF8.GetBytes(Svg()) : Png();

    /// <summary>Writes the figure to <paramref name="path"/> in the format its extension names (.svg or .png).</summary>
    public void Save(string path)
    {
        var format = PlotFile.TryFormatOf(path) ?? throw new ArgumentException($"{path}: not a .svg or .png file name", nameof(path));
        File.WriteAllBytes(path, Encode(format));
    }
}
