using System.Text;
using KwsNano.Cli;
using KwsNano.Cli.Commands;
using KwsNano.Cli.Serial;
using KwsNano.Tests.Cli;
using KwsNano.Tests.Firmware;

namespace KwsNano.Tests.Serial;

/// <summary>
/// <c>kwsnano monitor</c> on serial ports: the reconnect logic on scripted ports, port listing and naming, line
/// assembly, and the whole verb on a socat pseudo-terminal pair fed with a virtual board's serial log.
/// </summary>
public sealed class MonitorSerialTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kwsser").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const string Boot = "KWS BOOT t_us=300000 board=ESP32 model=flash@0x380000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=40 interval=1 interval_by=config";

    private static MonitorHandler.Settings Settings(string source, string? plot = null, double reconnectS = 2, double plotEvery = 5) =>
        new(source, 921600, false, false, plot, plotEvery, new ReconnectPolicy(TimeSpan.FromSeconds(reconnectS), TimeSpan.FromMilliseconds(50)), false);

    [Fact]
    public async Task APortThatVanishesAndComesBackKeepsTheCountsAndSaysSo()
    {
        var ports = new FakeSerialPorts()
            .Then($"ets boot noise\r\n{Boot}\r\nKWS DET t_us=1000000 kw=yes score=0.900 lat_us=40000 inf_us=8000 fe_us=600\r\nKWS DET t_us=12", lost: true)
            .ThenMissing()
            .ThenMissing()
            .Then($"{Boot}\r\nKWS DET t_us=2000000 kw=no score=0.800 lat_us=60000 inf_us=8000 fe_us=600\r\nKWS STAT t_us=3000000 inf=90 det=1 lat_mean_us=60000 lat_max_us=60000 overruns=0 errors=0 free=1000\r\n", lost: false);
        var console = new LockedConsole();
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => new MonitorHandler(console, ports, () => TextReader.Null).Run(Settings("/dev/ttyACM0"), cts.Token));
        console.WaitFor(c => c.OutText.Contains("  inferences 90,"), "the STAT row after the reconnect");
        cts.Cancel();
        Assert.Equal(ExitCodes.Interrupted, await run.WaitAsync(TimeSpan.FromSeconds(10))); // TimeoutException: it did not stop
        Assert.Equal(4, ports.Attempts);
        Assert.All(ports.Bauds, b => Assert.Equal(921600, b));
        var err = console.ErrorText;
        Assert.Contains("monitor: /dev/ttyACM0 at 921600 baud (Ctrl-C stops and prints the summary)\n", err);
        Assert.Contains("monitor: lost /dev/ttyACM0 (device disconnected); the board may be resetting: reconnecting for up to 2 s (Ctrl-C stops)\n", err);
        Assert.Matches(@"monitor: reconnected to /dev/ttyACM0 after 0\.[0-9] s\n", err);
        Assert.DoesNotContain("malformed", err); // the half line cut by the reset is dropped, not reported
        var lines = console.OutText.Split('\n');
        Assert.Contains("board restarted (boot 2); device counters start again. boot: board ESP32, model flash@0x380000, 12 classes, hop 20 ms, window 1000 ms, chunk 40 ms, inference every 1 hop(s) (config)", lines);
        Assert.Contains("     1.000  yes         0.900      40.000       8.000        0.600", lines);
        Assert.Contains("     2.000  no          0.800      60.000       8.000        0.600", lines);
        Assert.Single(lines, l => l.StartsWith("detections: ", StringComparison.Ordinal));
        Assert.Contains("detections: 2 (no 1, yes 1)", lines);
        Assert.Contains("lines: 6 read, 5 KwsNano records, 1 other (not KwsNano records), 0 malformed, 2 boots, 1 reconnect", lines);
    }

    [Fact]
    public async Task TheHistogramIsWrittenWhileThePortStaysOpen()
    {
        // Before: --svg was written only when the input ended, which a serial port never does.
        var ports = new FakeSerialPorts().Then($"{Boot}\nKWS DET t_us=1000000 kw=yes score=0.900 lat_us=40000 inf_us=8000 fe_us=600\n", lost: false);
        var console = new LockedConsole();
        string svg = Path.Combine(_dir, "live.svg");
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => new MonitorHandler(console, ports, () => TextReader.Null).Run(Settings("/dev/ttyUSB0", svg, plotEvery: 0), cts.Token));
        console.WaitFor(_ => File.Exists(svg) && File.ReadAllText(svg).Contains("(1 detections)"), "the histogram while monitoring");
        Assert.False(run.IsCompleted);
        Assert.DoesNotContain("detections: ", console.OutText); // no summary yet: it comes once, at the end
        cts.Cancel();
        Assert.Equal(ExitCodes.Interrupted, await run.WaitAsync(TimeSpan.FromSeconds(10))); // TimeoutException: it did not stop
        Assert.Single(console.OutText.Split('\n'), l => l.StartsWith("detections: 1 (yes 1)", StringComparison.Ordinal));
    }

    [Fact]
    public void APortThatDoesNotComeBackEndsWithTheSummaryAndExit1()
    {
        var ports = new FakeSerialPorts().Then($"{Boot}\nKWS DET t_us=1000000 kw=yes score=0.900 lat_us=40000 inf_us=8000 fe_us=600\n", lost: true);
        var console = new LockedConsole();
        string svg = Path.Combine(_dir, "lat.svg");
        int code = new MonitorHandler(console, ports, () => TextReader.Null).Run(Settings("COM7", svg, reconnectS: 0.3), CancellationToken.None);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.True(ports.Attempts >= 3, $"{ports.Attempts} attempts"); // kept trying for 0.3 s, every 50 ms
        Assert.EndsWith("error: monitor: COM7 did not come back within 0.3 s (last error: no such port)\n", console.ErrorText);
        var lines = console.OutText.Split('\n');
        Assert.Single(lines, l => l.StartsWith("detections: 1 (yes 1)", StringComparison.Ordinal));
        Assert.Contains($"histogram: {svg}", lines);
        Assert.Contains("(1 detections)", File.ReadAllText(svg)); // written though the run failed
    }

    [Fact]
    public void TheCommandPassesBaudAndReconnectToThePort()
    {
        var ports = new FakeSerialPorts().Then($"{Boot}\n", lost: true);
        var console = new LockedConsole();
        var root = new System.CommandLine.RootCommand { MonitorCommand.Create(console, ports, () => TextReader.Null) };
        int code = CliApp.Run(["monitor", "COM7", "--baud", "115200", "--reconnect", "0", "--json"], console, root);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Equal([115200, 115200], ports.Bauds); // the first open, then one reconnect attempt: --reconnect 0 gives up at once
        Assert.Contains("monitor: COM7 at 115200 baud", console.ErrorText);
        Assert.EndsWith("error: monitor: COM7 did not come back within 0 s (last error: no such port)\n", console.ErrorText);
        using var doc = System.Text.Json.JsonDocument.Parse(console.OutText);
        Assert.Equal(1, doc.RootElement.GetProperty("boots").GetInt32());
        Assert.Equal("COM7", doc.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public void APortThatCannotBeOpenedIsAUserErrorListingThePorts()
    {
        var ports = new FakeSerialPorts("/dev/ttyS0", "/dev/ttyUSB0");
        var e = Assert.Throws<CliException>(() => new MonitorHandler(new LockedConsole(), ports, () => TextReader.Null).Run(Settings("/dev/ttyUSB3"), CancellationToken.None));
        Assert.Equal(2, e.ExitCode);
        Assert.Equal("monitor: cannot open /dev/ttyUSB3: no such port (ports: /dev/ttyUSB0; see kwsnano monitor --list-ports)", e.Message);
    }

    [Fact]
    public void ListPortsShowsUsbSerialDevicesInNaturalOrder()
    {
        var ports = new FakeSerialPorts("/dev/ttyS0", "/dev/ttyS1", "/dev/ttyUSB10", "/dev/ttyACM0", "/dev/ttyUSB2");
        var console = new LockedConsole();
        var settings = Settings("-") with { Source = null, ListPorts = true };
        Assert.Equal(0, new MonitorHandler(console, ports, () => TextReader.Null).Run(settings, CancellationToken.None));
        Assert.Equal("/dev/ttyACM0\n/dev/ttyUSB2\n/dev/ttyUSB10\n", console.OutText);
        var none = new LockedConsole();
        new MonitorHandler(none, new FakeSerialPorts("/dev/ttyS0"), () => TextReader.Null).Run(settings, CancellationToken.None);
        Assert.Equal("no serial ports found (a board on USB shows up as /dev/ttyUSB* or /dev/ttyACM* on Linux, COMn on Windows)\n", none.OutText);
    }

    [Fact]
    public void ListPortsRunsOnTheMachine()
    {
        var (code, output, err) = CliRunner.Run("monitor", "--list-ports");
        Assert.True(code == 0, err);
        var expected = PortList.Usable(System.IO.Ports.SerialPort.GetPortNames(), OperatingSystem.IsWindows());
        if (expected.Count > 0)
        {
            Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ")[0]));
        }
        else
        {
            Assert.StartsWith("no serial ports found", output);
        }
    }

    [Fact]
    public void WindowsNamesAreCOMnInNaturalOrder()
    {
        Assert.Equal(["COM1", "COM3", "COM10"], PortList.Usable(["COM10", "COM3", "COM1", "COM3", "LPT1"], windows: true));
        Assert.Empty(PortList.Usable(["COM3"], windows: false));
    }

    [Fact]
    public void PortsAndFilesAreToldApart()
    {
        Assert.True(PortList.IsPort("COM3"));
        Assert.True(PortList.IsPort(@"\\.\COM12"));
        Assert.Equal("COM12", PortList.Normalize(@"\\.\COM12")); // System.IO.Ports refuses the \\.\ form
        Assert.Equal("/dev/ttyUSB0", PortList.Normalize("/dev/ttyUSB0"));
        Assert.True(PortList.IsPort("/dev/ttyUSB0"));
        Assert.True(PortList.IsPort("/dev/ttyACM1"));
        Assert.True(PortList.IsPort("/dev/cu.usbserial-0001"));
        string log = Path.Combine(_dir, "serial.log");
        File.WriteAllText(log, Boot + "\n");
        Assert.False(PortList.IsPort(log));
        Assert.False(PortList.IsPort("com3.log"));
        if (!OperatingSystem.IsWindows())
        {
            string link = Path.Combine(_dir, "board");
            File.CreateSymbolicLink(link, "/dev/pts/7"); // what socat's link= makes
            Assert.True(PortList.IsPort(link));
        }
    }

    [Fact]
    public void LinesAreAssembledAcrossReads()
    {
        var a = new LineAssembler();
        byte[] bytes = Encoding.UTF8.GetBytes("KWS DET kw=é\r\nsecond\nthi");
        foreach (var b in bytes)
        {
            a.Add([b], 0, 1); // one byte at a time: 'é' is split over two reads
        }
        Assert.True(a.TryTake(out var first));
        Assert.Equal("KWS DET kw=é", first);
        Assert.True(a.TryTake(out var second));
        Assert.Equal("second", second);
        Assert.False(a.TryTake(out _));
        a.DropPartial();
        a.Add("rd\n"u8.ToArray(), 0, 3);
        Assert.True(a.TryTake(out var third));
        Assert.Equal("rd", third);
        var noise = new byte[LineAssembler.MaxLine + 10];
        Array.Fill(noise, (byte)'x');
        a.Add(noise, 0, noise.Length);
        Assert.True(a.TryTake(out var cut));
        Assert.Equal(LineAssembler.MaxLine, cut.Length);
    }

    [Fact]
    public void StdinIsReadAsALog()
    {
        string log = $"{Boot}\nKWS DET t_us=1000000 kw=yes score=0.900 lat_us=40000 inf_us=8000 fe_us=600\n";
        var console = new LockedConsole();
        Assert.Equal(0, new MonitorHandler(console, new FakeSerialPorts(), () => new StringReader(log)).Run(Settings("-"), CancellationToken.None));
        Assert.EndsWith("detections: 1 (yes 1)\nlatency ms: p50 40.000  p90 40.000  p99 40.000  mean 40.000  max 40.000\nlines: 2 read, 2 KwsNano records, 0 other (not KwsNano records), 0 malformed\n", console.OutText);
    }

    /// <summary>
    /// The whole verb on a real pseudo-terminal through System.IO.Ports: a virtual board's log arrives line by line; the
    /// histogram is on disk before the log ends; the port vanishes (socat stopped, as USB CDC on a reset) and comes back,
    /// the board boots again; Ctrl-C prints the one summary, which matches monitoring the same log as a file.
    /// </summary>
    [Fact]
    public async Task MonitorsAVirtualBoardOnAPseudoTerminalThroughAReset()
    {
        Assert.False(OperatingSystem.IsWindows(), "pseudo-terminals need Linux or macOS");
        string model = Path.Combine(_dir, "ds_cnn_s.kwsm");
        File.WriteAllBytes(model, FirmwareModels.Get("ds_cnn_s"));
        string log = Path.Combine(_dir, "board.log");
        var (runCode, _, runErr) = CliRunner.Run("run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", model, "--native-us", "5000", "--log", log);
        Assert.True(runCode == 0, runErr);
        string[] board = File.ReadAllLines(log);
        int firstDet = Array.FindIndex(board, l => l.StartsWith("KWS DET", StringComparison.Ordinal));
        Assert.True(firstDet > 0 && board.Count(l => l.StartsWith("KWS DET", StringComparison.Ordinal)) >= 2, string.Join("\n", board));

        // The oracle: the same log read as a file.
        var (fileCode, fileOut, fileErr) = CliRunner.Run("monitor", log);
        Assert.True(fileCode == 0, fileErr);
        var fileRows = fileOut.Split('\n').Where(l => l.StartsWith("     ", StringComparison.Ordinal)).ToList();

        using var pair = new SocatPair(_dir);
        pair.Start();
        var console = new LockedConsole();
        string svg = Path.Combine(_dir, "latency.svg");
        using var cts = new CancellationTokenSource();
        var settings = Settings(pair.HostPath, svg, reconnectS: 20, plotEvery: 0);
        var run = Task.Run(() => new MonitorHandler(console, SystemSerialPorts.Instance, () => TextReader.Null).Run(settings, cts.Token));
        console.WaitFor(c => c.ErrorText.Contains("at 921600 baud"), "the port to open");

        pair.Send(["ets Jun  8 2016 00:22:57", "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)"]);
        pair.Send(board.Take(firstDet + 1));
        console.WaitFor(c => c.OutText.Contains(fileRows[0]), "the first detection row");
        console.WaitFor(_ => File.Exists(svg) && File.ReadAllText(svg).Contains("(1 detections)"), "the histogram of the first detection");

        pair.Stop(); // the board resets: its USB port vanishes
        console.WaitFor(c => c.ErrorText.Contains($"monitor: lost {pair.HostPath} ("), "the monitor to notice the lost port");
        pair.Start();
        console.WaitFor(c => c.ErrorText.Contains($"monitor: reconnected to {pair.HostPath} after "), "the reconnect");
        pair.Send(board.Where(l => l.StartsWith("KWS BOOT", StringComparison.Ordinal)).Concat(board.Skip(firstDet + 1)));
        console.WaitFor(c => c.OutText.Contains("  inferences "), "the STAT row");
        cts.Cancel(); // Ctrl-C
        Assert.Equal(ExitCodes.Interrupted, await run.WaitAsync(TimeSpan.FromSeconds(10))); // TimeoutException: it did not stop after Ctrl-C

        var lines = console.OutText.Split('\n');
        Assert.Equal(fileRows, lines.Where(l => l.StartsWith("     ", StringComparison.Ordinal)));
        var fileSummary = fileOut.Split('\n').Where(l => l.StartsWith("detections: ", StringComparison.Ordinal) || l.StartsWith("latency ms: ", StringComparison.Ordinal) || l.StartsWith("device at ", StringComparison.Ordinal));
        Assert.Equal(fileSummary, lines.Where(l => l.StartsWith("detections: ", StringComparison.Ordinal) || l.StartsWith("latency ms: ", StringComparison.Ordinal) || l.StartsWith("device at ", StringComparison.Ordinal)));
        int records = board.Length + 1;
        Assert.Contains($"lines: {records + 2} read, {records} KwsNano records, 2 other (not KwsNano records), 0 malformed, 2 boots, 1 reconnect", lines);
        Assert.Contains($"({fileRows.Count} detections)", File.ReadAllText(svg));
    }
}
