using KwsNano.Cli;
using KwsNano.Cli.Tuning;
using KwsNano.Firmware;
using KwsNano.Tests.Plotting;

namespace KwsNano.Tests.Cli;

/// <summary>The configuration file of <c>tune --write-config</c>.</summary>
public class TuneConfigWriterTests
{
    [Fact]
    public void WritesTheRecommendationAndOnlyTheModelsActions()
    {
        var report = DetectionCurvePlotTests.Report();
        string text = TuneConfigWriter.Text(report, report.Best!, ["_silence_", "_unknown_", "yes", "no"], 49, "--write-config");
        var config = ActionConfigParser.Parse(text);
        Assert.Equal(0.5f, config.DefaultThreshold);
        Assert.Equal(10, config.SmoothingWindow);
        Assert.Equal(ActionConfig.AutoInferenceInterval, config.InferenceInterval); // tuned at interval 1
        Assert.Equal(2, config.ActionCount);
        Assert.Equal(["yes", "no"], Enumerable.Range(0, 2).Select(i => config.GetAction(i).Keyword));
        Assert.Contains("# measured: detection 90.0% (9/10 keyword clips), 0 wrong, 3 false in 360.0 s of background = 30.0 per hour (limit 60)\n", text);
    }

    [Fact]
    public void RefusesAnIntervalTheModelCannotRun()
    {
        // tuned at interval 30 for a 25-frame model: the firmware would refuse the file
        var report = DetectionCurvePlotTests.Report() with { Interval = 30 };
        var e = Assert.Throws<CliException>(() => TuneConfigWriter.Text(report, report.Best!, ["yes"], 25, "--write-config a.cfg"));
        Assert.Contains("--write-config a.cfg: interval 30: the model has 25 frames", e.Message);
    }
}
