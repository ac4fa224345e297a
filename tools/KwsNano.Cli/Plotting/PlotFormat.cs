namespace KwsNano.Cli.Plotting;

/// <summary>Image formats the plots are written in, chosen by the output file's extension.</summary>
public enum PlotFormat
{
    /// <summary>SVG text (.svg): vector, text stays text.</summary>
    Svg,

    /// <summary>PNG (.png): raster, rendered with SkiaSharp.</summary>
    Png,
}
