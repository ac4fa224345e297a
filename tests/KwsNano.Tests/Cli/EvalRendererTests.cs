using System.Text.Json;
using KwsNano.Cli.Rendering;
using KwsNano.Eval;

namespace KwsNano.Tests.Cli;

/// <summary>The text and JSON renderers of <c>kwsnano eval</c> on a fixed result: exact output.</summary>
public class EvalRendererTests
{
    private static EvalSummary Summary()
    {
        var m = new ConfusionMatrix(["_silence_", "yes", "no"]);
        m.Add(0, 0);
        m.Add(1, 1);
        m.Add(1, 1);
        m.Add(1, 2);
        m.Add(2, 2);
        var result = new EvalResult(m, [0, 1, 1, 2, 2], TimeSpan.FromSeconds(2.5), 2);
        return new EvalSummary("ds_cnn_s", "native front-end (arm-mfcc-49x10)", "arm-mfcc-49x10", true, "native", "/data/set", true, result);
    }

    [Fact]
    public void TextIsThePerClassTableAndTheMatrix()
    {
        var w = new StringWriter();
        EvalTextRenderer.Render(Summary(), w);
        string expected =
            "model ds_cnn_s; native front-end (arm-mfcc-49x10); native engine\n" +
            "5 clips, 2 workers, 2.5 s, 2.0 clips/s; silence clips as digital silence\n" +
            "\n" +
            "class      clips  correct  accuracy\n" +
            "_silence_      1        1   100.00%\n" +
            "yes            3        2    66.67%\n" +
            "no             1        1   100.00%\n" +
            "overall        5        4    80.00%\n" +
            "\n" +
            "confusion matrix (rows: true class, columns: predicted)\n" +
            Summary().Result.Matrix.ToTextTable();
        Assert.Equal(expected, w.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void JsonHasTheCountsInCamelCase()
    {
        var w = new StringWriter();
        EvalJsonRenderer.Render(Summary(), w);
        ToolConventionsTests.AssertCamelCase(w.ToString());
        using var doc = JsonDocument.Parse(w.ToString());
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("clips").GetInt32());
        Assert.Equal(0.8, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(2.0, root.GetProperty("clipsPerSecond").GetDouble());
        Assert.Equal("/data/set", root.GetProperty("source").GetString());
        Assert.True(root.GetProperty("frontend").GetProperty("native").GetBoolean());
        Assert.Equal([0, 2, 1], root.GetProperty("confusion")[1].EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(0.666667, root.GetProperty("classes")[1].GetProperty("accuracy").GetDouble());
    }
}
