using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// Gives ScottPlot the DejaVu Sans typefaces embedded in this assembly (KwsNano.Cli.csproj), so PNG text renders on
/// a machine without any font installed and measures the same everywhere.
/// </summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    /// <summary>The family name the embedded fonts answer to.</summary>
    public const string Family = "DejaVu Sans";

    private readonly SKTypeface? _regular;
    private readonly SKTypeface? _bold;

    /// <summary>Loads the embedded fonts (either may be missing when the build had no font file).</summary>
    public EmbeddedFontResolver()
    {
        _regular = Load("KwsNano.PlotFont.ttf");
        _bold = Load("KwsNano.PlotFont-Bold.ttf") ?? _regular;
    }

    /// <summary>True when the regular face was embedded at build time.</summary>
    public bool Available => _regular != null;

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        CreateTypeface(fontName, weight >= FontWeight.SemiBold, slant != FontSlant.Upright);

    /// <inheritdoc/>
    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? (bold ? _bold : _regular) : null;

    private static SKTypeface? Load(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource);
        if (stream == null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data);
    }
}
