using KwsNano.Audio;
using KwsNano.Cli.Plotting;
using KwsNano.Conversion;

namespace KwsNano.Tests.Plotting;

/// <summary>The feature image of <c>features --image</c> for 49- and 25-frame models on a real clip.</summary>
public class FeaturePlotTests
{
    private static (sbyte[] Q, KwsNano.Kwsm.KwsmFrontend Fe, string Title) Features(string model)
    {
        var loaded = ModelLoader.Load(TestData.ModelPath(model));
        var fe = loaded.Model.Frontend;
        using var fx = new FeatureExtractor(fe, useNative: false);
        var q = fx.Compute(WavReader.Read(TestData.AudioPath("recordings/yes.wav")).Samples);
        return (q, fe, $"yes.wav: {fe.Preset}, {fe.NumFrames} x {fe.NumCoeffs} int8 ({loaded.Name})");
    }

    private static PlotImage Plot((sbyte[] Q, KwsNano.Kwsm.KwsmFrontend Fe, string Title) f) =>
        FeaturePlot.Create(f.Q, f.Fe.NumFrames, f.Fe.NumCoeffs, 1000.0 * f.Fe.FrameHop / f.Fe.SampleRate, 1000.0 * f.Fe.FrameLength / f.Fe.SampleRate, f.Title);

    [Theory]
    [InlineData("ds_cnn_s.tflite")]
    [InlineData("ml-examples/dnn_s.tflite")]
    public void CellsSpanTheColourMapWhereGreyLevelsHadLittleContrast(string model)
    {
        var f = Features(model);
        // before: grey = value + 128, which spans only a fifth of black..white for these features
        int oldSpan = f.Q.Max() - f.Q.Min();
        Assert.True(oldSpan < 60, $"raw span {oldSpan}");
        var image = Plot(f);
        var at = PlotAssert.Sampler(image);
        int frames = f.Fe.NumFrames, coeffs = f.Fe.NumCoeffs;
        double hop = 1000.0 * f.Fe.FrameHop / f.Fe.SampleRate;
        var brightness = new List<double>();
        for (int fr = 0; fr < frames; fr++)
        {
            for (int c = 0; c < coeffs; c++)
            {
                brightness.Add(PlotAssert.Brightness(at((fr + 0.5) * hop, coeffs - c - 0.5)));
            }
        }
        Assert.True(brightness.Max() - brightness.Min() > 150, $"brightness {brightness.Min():F0}..{brightness.Max():F0}");
    }

    [Theory]
    [InlineData("ds_cnn_s.tflite", "time (ms): frame start, hop 20 ms, window 40 ms", "900")]
    [InlineData("ml-examples/dnn_s.tflite", "time (ms): frame start, hop 40 ms, window 40 ms", "1000")]
    public void TitleFitsAndTimeIsInMilliseconds(string model, string axis, string lastTick)
    {
        // before: the title was clipped on 25-frame models (350 px wide) and the axis said "frame 0" .. "frame 24"
        var f = Features(model);
        var image = Plot(f);
        var texts = PlotAssert.IsSvg(image.Svg(), image.Width, image.Height);
        Assert.Contains(f.Title, texts);
        Assert.True(image.Width >= PlotFonts.MeasureWidth(f.Title, 16, bold: true) + 20, $"{image.Width} px for the title");
        Assert.Contains(axis, texts);
        Assert.Contains(lastTick, texts);
        Assert.Contains("c0", texts);
        Assert.DoesNotContain(texts, t => t.StartsWith("frame "));
        Assert.DoesNotContain(texts, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d{1,3}(,\d{3})+$")); // no "1,000" ticks
        Assert.Contains(texts, t => t.StartsWith("int8 value (scale "));
        PlotAssert.IsPng(image.Png(), image.Width, image.Height);
    }

    [Fact]
    public void SvgCellsAreRectanglesNotAScaledBitmap()
    {
        // found when looking at the SVG: ScottPlot embeds a heat map as a 49 x 10 bitmap scaled up, which SVG viewers
        // (librsvg, browsers) blur into a smear; one rectangle per cell stays sharp
        var f = Features("ds_cnn_s.tflite");
        var doc = System.Xml.Linq.XDocument.Parse(Plot(f).Svg());
        Assert.True(doc.Descendants().Count(e => e.Name.LocalName == "rect") >= 490);
        Assert.All(doc.Descendants().Where(e => e.Name.LocalName == "image"), e => Assert.Equal("1", e.Attribute("width")!.Value)); // the colour bar only
    }

    [Fact]
    public void RangeIsTheMiddleOfTheValuesAndNeverEmpty()
    {
        var values = Enumerable.Range(0, 100).Select(i => (sbyte)(i - 50)).ToArray(); // -50..49
        Assert.Equal((-49, 47), FeaturePlot.Range(values));      // nearest-rank 2nd and 98th percentile
        Assert.Equal((6, 8), FeaturePlot.Range(new sbyte[] { 7, 7, 7 }));
        Assert.Equal((1, 2), FeaturePlot.Range(new sbyte[] { 1, 2, 2, 2 })); // narrower than 2: min..max
    }

    [Fact]
    public void RefusesFeaturesThatDoNotFormTheMatrix()
    {
        Assert.Throws<ArgumentException>(() => FeaturePlot.Create(new sbyte[9], 5, 2, 20, 40, "t"));
        Assert.Throws<ArgumentException>(() => FeaturePlot.Create(new sbyte[10], 5, 2, 0, 40, "t"));
    }
}
