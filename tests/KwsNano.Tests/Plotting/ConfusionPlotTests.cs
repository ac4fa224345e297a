using KwsNano.Cli.Plotting;
using KwsNano.Eval;

namespace KwsNano.Tests.Plotting;

/// <summary>The confusion matrix picture of <c>eval --confusion</c>.</summary>
public class ConfusionPlotTests
{
    private static ConfusionMatrix Matrix()
    {
        // 100 "yes" clips: 97 right, 2 heard as "no", 1 as "<x>"; 50 "no": 50 right; "<x>" has no clips
        var m = new ConfusionMatrix(["yes", "no", "<x>"]);
        for (int i = 0; i < 97; i++)
        {
            m.Add(0, 0);
        }
        m.Add(0, 1);
        m.Add(0, 1);
        m.Add(0, 2);
        for (int i = 0; i < 50; i++)
        {
            m.Add(1, 1);
        }
        return m;
    }

    [Fact]
    public void SvgHasCountsRowPercentagesAxisLabelsAndTheColourScale()
    {
        // before: counts only, no row percentages, no legend
        var image = ConfusionPlot.Create(Matrix(), "t&t");
        var texts = PlotAssert.IsSvg(image.Svg(), image.Width, image.Height); // well-formed: "<x>" and "&" escaped
        foreach (var expected in new[] { "97", "97.0%", "2", "2.0%", "1", "1.0%", "50", "100.0%", "predicted class", "true class (clips)",
                     "yes (100)", "no (50)", "<x> (0)", "% of the true class's clips (row %)" })
        {
            Assert.Contains(expected, texts);
        }
        Assert.Contains("t&t: top-1 98.00% (147/150)", texts);
        Assert.Equal(4, texts.Count(t => t.EndsWith('%') && char.IsDigit(t[0]))); // one row percentage per non-empty cell
    }

    [Fact]
    public void SvgCellsAreRectanglesNotAScaledBitmap()
    {
        // a 3 x 3 bitmap scaled up is blurred by SVG viewers; rectangles stay sharp
        var doc = System.Xml.Linq.XDocument.Parse(ConfusionPlot.Create(Matrix(), "m").Svg());
        Assert.True(doc.Descendants().Count(e => e.Name.LocalName == "rect") >= 4);
        Assert.DoesNotContain(doc.Descendants().Where(e => e.Name.LocalName == "image"), e => e.Attribute("width")!.Value == "3");
    }

    [Fact]
    public void PngHasTheSizeOfTheFigure()
    {
        var image = ConfusionPlot.Create(Matrix(), "m");
        PlotAssert.IsPng(image.Png(), image.Width, image.Height);
        Assert.True(image.Width >= 3 * ConfusionPlot.Cell && image.Height >= 3 * ConfusionPlot.Cell);
    }

    [Fact]
    public void RareConfusionsAreClearlyColouredAndEmptyCellsWhite()
    {
        // before: a 1 % off-diagonal cell was rgb(255,252,252), indistinguishable from an empty one
        var image = ConfusionPlot.Create(Matrix(), "m");
        var at = PlotAssert.Sampler(image);
        int n = 3;
        // sample near a cell's corner, clear of its text; row a is drawn at y = n - 1 - a
        double Brightness(int a, int p) => PlotAssert.Brightness(at(p - 0.4, n - 1 - a + 0.4));
        Assert.True(Brightness(0, 2) < 150, $"1 % cell brightness {Brightness(0, 2)}");   // 1 of 100
        Assert.True(Brightness(0, 1) < 150, $"2 % cell brightness {Brightness(0, 1)}");
        Assert.True(Brightness(1, 0) > 250, $"empty cell brightness {Brightness(1, 0)}"); // no clip: white
        Assert.True(Math.Abs(Brightness(0, 0) - Brightness(0, 2)) > 80, "the diagonal and a rare confusion look alike");
    }

    [Fact]
    public void CellTextContrastsWithItsFill()
    {
        Assert.Equal(ScottPlot.Colors.White, ConfusionPlot.Ink(new ScottPlot.Colormaps.Viridis().GetColor(0.01)));
        Assert.Equal(ScottPlot.Colors.Black, ConfusionPlot.Ink(new ScottPlot.Colormaps.Viridis().GetColor(0.97)));
    }

    [Fact]
    public void PercentIsOfTheRow() => Assert.Equal("33.3%", ConfusionPlot.Percent(1, 3));
}
