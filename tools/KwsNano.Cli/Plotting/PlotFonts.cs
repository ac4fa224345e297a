using ScottPlot;
using SkiaSharp;

namespace KwsNano.Cli.Plotting;

/// <summary>Makes every plot use the embedded DejaVu Sans (once per process), and measures text with it.</summary>
public static class PlotFonts
{
    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(() =>
    {
        var resolver = new EmbeddedFontResolver();
        if (resolver.Available)
        {
            Fonts.FontResolvers.Insert(0, resolver);
            Fonts.Default = EmbeddedFontResolver.Family;
        }
        return resolver;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the font was embedded at build time (otherwise the system's fonts are used).</summary>
    public static bool Embedded => Resolver.Value.Available;

    /// <summary>Registers the embedded font; call before creating a <see cref="Plot"/>.</summary>
    public static void Ensure() => _ = Resolver.Value;

    /// <summary>Width in pixels of <paramref name="text"/> at <paramref name="size"/> px (bold when asked).</summary>
    public static float MeasureWidth(string text, float size, bool bold = false)
    {
        Ensure();
        var typeface = Fonts.GetTypeface(Fonts.Default, bold, false);
        using var font = new SKFont(typeface, size);
        return font.MeasureText(text);
    }
}
