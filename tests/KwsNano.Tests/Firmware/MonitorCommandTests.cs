using KwsNano.Cli;
using KwsNano.Cli.Firmware;

namespace KwsNano.Tests.Firmware;

/// <summary><c>kwsnano monitor</c> on logs in the documented format.</summary>
public sealed class MonitorCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwsmon").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Log =
        "ets Jun  8 2016 00:22:57 (boot noise)\n" +
        "KWS BOOT t_us=300000 board=ESP32 model=flash@0x3A0000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=80\n" +
        "KWS DET t_us=1500000 kw=yes score=0.912 lat_us=40000 inf_us=8000 fe_us=600\n" +
        "KWS DET t_us=2500000 kw=no score=0.880 lat_us=60000 inf_us=8100 fe_us=610\n" +
        "KWS DET t_us=3500000 kw=yes score=0.950 lat_us=20000 inf_us=7900 fe_us=590\n" +
        "KWS DET t_us=oops kw=go\n" +
        "KWS OVR t_us=3600000 overruns=1\n" +
        "KWS DET t_us=4500000 kw=go score=0.700 lat_us=100000 inf_us=8000 fe_us=600\n" +
        "KWS STAT t_us=5000000 inf=250 det=4 lat_mean_us=55000 lat_max_us=100000 overruns=1 errors=0 free=81234\n";

    [Theory]
    [InlineData(" interval=11 interval_by=auto cal_inf_us=150000 cal_fe_us=450", ", inference every 11 hop(s) (auto, calibrated 150000 us per inference)")]
    [InlineData(" interval=4 interval_by=config", ", inference every 4 hop(s) (config)")]
    [InlineData("", "")] // a log of firmware before 1.1
    public void BootLineShowsTheInferenceInterval(string fields, string expected)
    {
        string path = Path.Combine(_dir, "boot.log");
        File.WriteAllText(path, "KWS BOOT t_us=300000 board=ESP32 model=flash@0x380000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=80" + fields + "\n");
        var console = new StringCliConsole();
        Assert.Equal(0, CliApp.Run(["monitor", path], console));
        Assert.Equal("boot: board ESP32, model flash@0x380000, 12 classes, hop 20 ms, window 1000 ms, chunk 80 ms" + expected, console.OutText.Split('\n')[0]);
    }

    [Fact]
    public void PrintsTableAndPercentiles()
    {
        string path = Path.Combine(_dir, "serial.log");
        File.WriteAllText(path, Log);
        string svg = Path.Combine(_dir, "lat.svg");
        var console = new StringCliConsole();
        int code = CliApp.Run(["monitor", path, "--svg", svg], console);
        Assert.Equal(0, code);
        var lines = console.OutText.Split('\n');
        Assert.Equal("boot: board ESP32, model flash@0x3A0000, 12 classes, hop 20 ms, window 1000 ms, chunk 80 ms", lines[0]);
        Assert.Equal("    time_s  keyword     score  latency_ms  network_ms  frontend_ms", lines[1]);
        Assert.Equal("     1.500  yes         0.912      40.000       8.000        0.600", lines[2]);
        Assert.Contains("   3.600 s  overrun (1 so far)", lines);
        // Nearest rank over 20, 40, 60, 100 ms: p50 = 40, p90 = p99 = 100; mean 55 equals the device's STAT line.
        Assert.Contains("latency ms: p50 40.000  p90 100.000  p99 100.000  mean 55.000  max 100.000", lines);
        Assert.Contains("detections: 4 (go 1, no 1, yes 2)", lines);
        Assert.Contains("device at 5.000 s: inferences 250, detections 4, mean latency 55.000 ms, max 100.000 ms, overruns 1, errors 0, free 81234 bytes", lines);
        Assert.Contains("skipped malformed line", console.ErrorText);
        var svgText = File.ReadAllText(svg);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svgText);
        Assert.Equal(4 + 1, System.Text.RegularExpressions.Regex.Matches(svgText, "<rect fill=\"#4878A8\"").Count); // 4 distinct bins + the legend's swatch
        Assert.Contains("p50 40.0", svgText);
        var doc = System.Xml.Linq.XDocument.Parse(svgText); // well-formed
        Assert.Equal("svg", doc.Root!.Name.LocalName);
    }

    [Theory]
    [InlineData(new long[] { 5 }, 50, 5)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 90, 9)]
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 91, 10)]
    [InlineData(new long[] { 10, 1, 5 }, 50, 5)]
    public void NearestRankPercentile(long[] values, double p, long expected)
    {
        Assert.Equal(expected, new LatencySummary(values).Percentile(p));
    }

    [Fact]
    public void MissingLogIsAUserError()
    {
        var console = new StringCliConsole();
        Assert.Equal(2, CliApp.Run(["monitor", Path.Combine(_dir, "none.log")], console));
        Assert.Equal($"error: {Path.Combine(_dir, "none.log")}: no such file\n", console.ErrorText);
    }

    [Fact]
    public void ErrTextKeepsSpaces()
    {
        var r = SerialLogParser.Parse("noise KWS ERR t_us=5 where=model status=-102 text=no model in flash at 0x3A0000 (erased)")!;
        Assert.Equal("no model in flash at 0x3A0000 (erased)", r.Text("text"));
        Assert.Equal(-102, r.Long("status"));
        Assert.Null(SerialLogParser.Parse("I (123) boot: ESP-IDF"));
    }
}
