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
        Assert.Contains("   5.000 s  inferences 250, detections 4, mean latency 55.000 ms, max 100.000 ms, overruns 1, errors 0, free 81234 bytes", lines);
        // Nearest rank over 20, 40, 60, 100 ms: p50 = 40, p90 = p99 = 100; mean 55 equals the device's STAT line.
        Assert.Contains("latency ms: p50 40.000  p90 100.000  p99 100.000  mean 55.000  max 100.000", lines);
        Assert.Contains("detections: 4 (go 1, no 1, yes 2)", lines);
        Assert.Contains("device at 5.000 s: inferences 250, detections 4, mean latency 55.000 ms, max 100.000 ms, overruns 1, errors 0, free 81234 bytes", lines);
        Assert.Contains("lines: 9 read, 7 KwsNano records, 1 other (not KwsNano records), 1 malformed", lines);
        Assert.Equal($"histogram: {svg}", lines[^2]);
        Assert.Contains("monitor: line 6: skipped malformed line: DET line: field t_us missing or not an integer", console.ErrorText);
        Assert.Contains("monitor: line 1 is not a KwsNano record (ignored; such lines are counted in the summary): ets Jun  8 2016 00:22:57 (boot noise)", console.ErrorText);
        var svgText = File.ReadAllText(svg);
        Assert.Equal(4 + 1, System.Text.RegularExpressions.Regex.Matches(svgText, "<rect fill=\"#4878A8\"").Count); // 4 distinct bins + the legend's swatch
        Assert.Contains("p50 40.0", svgText);
        var doc = System.Xml.Linq.XDocument.Parse(svgText); // well-formed
        Assert.Equal(System.Xml.Linq.XName.Get("svg", "http://www.w3.org/2000/svg"), doc.Root!.Name); // an SVG document
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(svg)!, Path.GetFileName(svg) + ".tmp*")); // the temporary file was renamed
    }

    [Fact]
    public void SummaryIsPrintedOnceThoughTheLogHasSeveralStatLines()
    {
        // Before: the summary followed every STAT line and again at the end (twice for this log).
        string path = Path.Combine(_dir, "two-stats.log");
        File.WriteAllText(path, Log + "KWS STAT t_us=15000000 inf=750 det=4 lat_mean_us=55000 lat_max_us=100000 overruns=1 errors=0 free=81000\n");
        var (code, output, _) = Run("monitor", path);
        Assert.Equal(0, code);
        var lines = output.Split('\n');
        Assert.Single(lines, l => l.StartsWith("detections: ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("latency ms: ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("device at ", StringComparison.Ordinal));
        Assert.Contains("device at 15.000 s: inferences 750, detections 4, mean latency 55.000 ms, max 100.000 ms, overruns 1, errors 0, free 81000 bytes", lines);
        Assert.Equal(2, lines.Count(l => l.Contains("  inferences ", StringComparison.Ordinal) && !l.StartsWith("device", StringComparison.Ordinal))); // both as live rows
    }

    [Theory]
    [InlineData("binary", "none of the 3 lines from {0} is a KwsNano record (KWS BOOT, DET, STAT, OVR or ERR); is this a KwsNano serial log (docs/serial-log.md)?")]
    [InlineData("empty", "{0} gave no lines; is this a KwsNano serial log (docs/serial-log.md)?")]
    [InlineData("one", "the one line from {0} is not a KwsNano record (KWS BOOT, DET, STAT, OVR or ERR); is this a KwsNano serial log (docs/serial-log.md)?")]
    public void InputWithNoKwsNanoRecordFailsWithAClearMessage(string kind, string message)
    {
        // Before: exit 0 and "detections: 0".
        string path = Path.Combine(_dir, kind + ".log");
        if (kind == "binary")
        {
            // what a 921600-baud board looks like at 115200: bytes, some of them line ends
            File.WriteAllBytes(path, [0xF0, 0x8C, 0x00, 0x7F, 0x0A, 0xE0, 0xE0, 0x1C, 0x0A, 0x4B, 0x57, 0x0A]);
        }
        else
        {
            File.WriteAllText(path, kind == "one" ? "I (31) boot: ESP-IDF v5.1\n" : "");
        }
        var (code, output, err) = Run("monitor", path);
        Assert.Equal(1, code);
        Assert.DoesNotContain("detections:", output);
        int n = kind switch { "binary" => 3, "one" => 1, _ => 0 };
        Assert.Equal($"lines: {n} read, 0 KwsNano records, {n} other (not KwsNano records), 0 malformed\n", output);
        Assert.EndsWith("error: monitor: " + string.Format(message, path) + "\n", err);
    }

    [Fact]
    public void JsonSummaryIsCamelCaseWithTheSameNumbers()
    {
        string path = Path.Combine(_dir, "serial.log");
        File.WriteAllText(path, Log);
        var (code, output, _) = Run("monitor", path, "--json");
        Assert.Equal(0, code);
        KwsNano.Tests.Cli.ToolConventionsTests.AssertCamelCase(output, "perKeyword");
        using var doc = System.Text.Json.JsonDocument.Parse(output); // the whole output is one document: no live table
        var root = doc.RootElement;
        Assert.Equal(path, root.GetProperty("source").GetString());
        Assert.False(root.GetProperty("interrupted").GetBoolean());
        Assert.Equal(9, root.GetProperty("lines").GetInt64());
        Assert.Equal(7, root.GetProperty("records").GetInt64());
        Assert.Equal(1, root.GetProperty("otherLines").GetInt64());
        Assert.Equal(1, root.GetProperty("malformedLines").GetInt64());
        Assert.Equal(4, root.GetProperty("detections").GetInt32());
        Assert.Equal(2, root.GetProperty("perKeyword").GetProperty("yes").GetInt32());
        var lat = root.GetProperty("latencyUs");
        Assert.Equal([40000, 100000, 100000, 55000, 100000], new[] { "p50", "p90", "p99", "mean", "max" }.Select(k => lat.GetProperty(k).GetInt64()));
        Assert.Equal(81234, root.GetProperty("device").GetProperty("freeBytes").GetInt64());
        Assert.Equal(1, root.GetProperty("overruns").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("histogram").ValueKind);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("4000001")]
    [InlineData("fast")]
    [InlineData("9600.5")]
    public void BaudIsValidated(string baud)
    {
        var (code, output, err) = Run("monitor", "/dev/ttyUSB0", "--baud", baud);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: --baud {baud}: expected a whole number of baud, 300..4000000", err);
    }

    [Fact]
    public void BaudGivenForALogFileIsWarnedAbout()
    {
        string path = Path.Combine(_dir, "serial.log");
        File.WriteAllText(path, Log);
        var (code, _, err) = Run("monitor", path, "--baud", "115200");
        Assert.Equal(0, code);
        Assert.Contains($"warning: --baud is ignored: {path} is a log file, not a serial port\n", err);
    }

    [Fact]
    public void NoSourceIsAUserError()
    {
        var (code, _, err) = Run("monitor");
        Assert.Equal(2, code);
        Assert.Equal("error: monitor: give a serial port (/dev/ttyUSB0, COM3), a log file or '-' for stdin; 'kwsnano monitor --list-ports' lists the ports\n", err);
    }

    [Fact]
    public void PlotAliasAndRefusedExtension()
    {
        string path = Path.Combine(_dir, "serial.log");
        File.WriteAllText(path, Log);
        string svg = Path.Combine(_dir, "p.svg");
        var (code, output, _) = Run("monitor", path, "--plot", svg);
        Assert.Equal(0, code);
        Assert.EndsWith($"histogram: {svg}\n", output);
        Assert.Contains("(4 detections)", File.ReadAllText(svg));
        // PNG too (it was refused before the plots moved to ScottPlot); other extensions are refused before any work.
        string png = Path.Combine(_dir, "p.png");
        var (codePng, outputPng, _) = Run("monitor", path, "--svg", png);
        Assert.Equal(0, codePng);
        Assert.EndsWith($"histogram: {png}\n", outputPng);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*")); // written through a temporary file, then renamed
        string jpg = Path.Combine(_dir, "p.jpg");
        var (code2, output2, err2) = Run("monitor", path, "--plot", jpg);
        Assert.Equal(2, code2);
        Assert.Equal("", output2);
        Assert.Contains($"error: --plot {jpg}: the file name must end in .svg or .png", err2);
        Assert.False(File.Exists(jpg));
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => KwsNano.Tests.Cli.CliRunner.Run(args);

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
