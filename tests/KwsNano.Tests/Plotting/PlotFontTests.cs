using KwsNano.Cli.Plotting;

namespace KwsNano.Tests.Plotting;

/// <summary>The font the plots embed, so PNG text renders on a machine without fonts.</summary>
public class PlotFontTests
{
    [Fact]
    public void TheFontIsEmbeddedAndTheDefault()
    {
        var resolver = new EmbeddedFontResolver();
        Assert.True(resolver.Available, "DejaVu Sans was not embedded at build time (apt-get install fonts-dejavu-core)");
        var regular = resolver.CreateTypeface("DejaVu Sans", bold: false, italic: false);
        var bold = resolver.CreateTypeface("DejaVu Sans", bold: true, italic: false);
        Assert.Equal("DejaVu Sans", regular!.FamilyName);
        Assert.True(bold!.IsBold);
        Assert.Null(resolver.CreateTypeface("Comic Sans MS", false, false)); // other names go on to the system's fonts
        PlotFonts.Ensure();
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.Default);
        Assert.True(PlotFonts.MeasureWidth("p99 100.0 ms", 12) > 40);
    }
}
