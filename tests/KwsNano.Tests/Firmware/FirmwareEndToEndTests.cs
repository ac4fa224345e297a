using KwsNano.Cli;
using KwsNano.Cli.Firmware;
using KwsNano.VirtualBoard;
using Xunit.Abstractions;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// The nanoFramework firmware (same sources) on the virtual board with the native engine (P/Invoke into
/// libkwsnano) and real recordings. Native time is modelled as a fixed 5 ms per inference so virtual times,
/// GPIO edges and latencies are deterministic.
/// </summary>
public class FirmwareEndToEndTests(ITestOutputHelper output)
{
    private const int InferenceUs = 5000;

    private const string Config = """
        threshold 0.75
        smoothing 10
        refractory_ms 900
        release 0.5
        stats_ms 0
        on yes pulse 25 200
        on no toggle 26
        on go set 27 high
        on stop set 27 low
        on right pulse 32 100
        on left pulse 33 100
        on up pulse 13 300
        """;

    internal static VirtualBoardRunner.Result Run(string model, AudioFeed audio, string config = Config) =>
        VirtualBoardRunner.Run(new VirtualBoardRunner.Options(FirmwareModels.Get(model), audio, config, FirmwareModels.TargetFor(model), NativeTimeModel.Fixed(0, InferenceUs)));

    private static List<SerialLogRecord> Detections(VirtualBoardRunner.Result r) =>
        r.Lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!).ToList();

    [Theory]
    [InlineData("micronet_m", "yes_no_go_stop.wav", "yes,no,go,stop")]
    [InlineData("micronet_m", "right_left_up.wav", "right,left,up")]
    [InlineData("ds_cnn_s", "right_left_up.wav", "right,left,up")]
    public void RecordingGivesEachKeywordOnceInOrder(string model, string wav, string expected)
    {
        var r = Run(model, AudioFeed.FromWav(FirmwareModels.Recording(wav)));
        output.WriteLine(string.Join("\n", r.Lines));
        Assert.NotNull(r.Labels);
        Assert.Equal(expected, string.Join(",", Detections(r).Select(d => d.Text("kw"))));
        Assert.Equal(0, r.Stats.Overruns);
        Assert.Equal(0, r.DroppedFrames);
    }

    [Fact]
    public void DsCnnHearsTheSecondWordOfYesNoGoStopAsGoLikeTheReferenceInterpreter()
    {
        // ds_cnn_s classifies the recording's "no" as "go" (p = 0.99 on every 1 s window over it, also with the
        // C# reference interpreter and the managed MFCC); the firmware must report exactly what the model says.
        var r = Run("ds_cnn_s", AudioFeed.FromWav(FirmwareModels.Recording("yes_no_go_stop.wav")));
        output.WriteLine(string.Join("\n", r.Lines));
        var dets = Detections(r);
        Assert.Equal("yes,go,go,stop", string.Join(",", dets.Select(d => d.Text("kw"))));
        var model = KwsNano.Kwsm.KwsmReader.Read(FirmwareModels.Get("ds_cnn_s"), "ds_cnn_s");
        var interpreter = new KwsNano.Interpreter.KwsmInterpreter(model);
        var mfcc = new KwsNano.Audio.Mfcc(model.Frontend);
        var samples = KwsNano.Audio.WavReader.Read(FirmwareModels.Recording("yes_no_go_stop.wav")).Samples;
        foreach (var d in dets)
        {
            long windowEndUs = d.Long("t_us") - d.Long("lat_us") - r.AudioLeadInUs;
            int end = (int)(windowEndUs * 16 / 1000);
            var window = new short[16000];
            for (int i = 0; i < 16000; i++)
            {
                int k = end - 16000 + i;
                window[i] = k >= 0 && k < samples.Length ? samples[k] : (short)0;
            }
            var q = mfcc.ComputeWindow(window).Select(c => KwsNano.Audio.Mfcc.Quantize(c, model.Frontend.InputScale, model.Frontend.InputZeroPoint)).ToArray();
            var p = interpreter.InvokeProbabilities(q);
            Assert.Equal(d.Text("kw"), model.Labels[Array.IndexOf(p, p.Max())]);
        }
    }

    [Fact]
    public void GpioFollowsTheConfiguredActionsAtTheDetectionTimes()
    {
        var r = Run("micronet_m", AudioFeed.FromWav(FirmwareModels.Recording("yes_no_go_stop.wav")));
        var dets = Detections(r).ToDictionary(d => d.Text("kw"), d => d.Long("t_us"));
        var pins = r.Transitions.Where(t => t.Pin != r.Profile.StatusLedPin).ToList();
        output.WriteLine(string.Join("\n", pins));
        long chunkUs = 80_000 + 4 * InferenceUs; // pulses end at the first loop iteration after their time
        Assert.Collection(pins,
            t => Assert.Equal(new PinTransition(25, true, dets["yes"]), t),
            t =>
            {
                Assert.Equal(25, t.Pin);
                Assert.False(t.High);
                Assert.InRange(t.TimeUs - dets["yes"], 200_000, 200_000 + chunkUs);
            },
            t => Assert.Equal(new PinTransition(26, true, dets["no"]), t),
            t => Assert.Equal(new PinTransition(27, true, dets["go"]), t),
            t => Assert.Equal(new PinTransition(27, false, dets["stop"]), t));
    }

    [Fact]
    public void LatencyIsAudioAfterTheWindowPlusNativeTime()
    {
        var r = Run("ds_cnn_s", AudioFeed.FromWav(FirmwareModels.Recording("right_left_up.wav")));
        var dets = Detections(r);
        Assert.Equal(3, dets.Count);
        foreach (var d in dets)
        {
            long lat = d.Long("lat_us");
            // The window ends at a hop inside the 40 ms chunk; the edge comes after the chunk arrived and its
            // inferences ran (at most 2 x 5 ms): 5 ms <= latency <= 40 ms + 10 ms, in whole hops plus native time.
            Assert.InRange(lat, InferenceUs, 80_000 + 4 * InferenceUs);
            Assert.Equal(0, (lat % 20_000) % InferenceUs);
            Assert.True(d.Long("inf_us") > 0, "network time from the native port clock (kws_stream_last_timing)");
        }
        var stat = SerialLogParser.Parse(r.Lines[^1])!;
        Assert.Equal("STAT", stat.Type);
        Assert.Equal(r.Stats.Inferences, stat.Long("inf"));
        Assert.Equal(dets.Max(d => d.Long("lat_us")), stat.Long("lat_max_us"));
    }

    [Fact]
    public void MonitorOnAVirtualBoardLogMatchesTheLoggedValues()
    {
        var r = Run("micronet_m", AudioFeed.FromWav(FirmwareModels.Recording("yes_no_go_stop.wav")));
        var dir = Directory.CreateTempSubdirectory("kwsmon").FullName;
        try
        {
            var log = Path.Combine(dir, "board.log");
            File.WriteAllLines(log, r.Lines);
            var console = new StringCliConsole();
            Assert.Equal(0, CliApp.Run(["monitor", log], console));
            var latencies = Detections(r).Select(d => d.Long("lat_us")).OrderBy(x => x).ToArray();
            Assert.Equal(4, latencies.Length);
            var stat = SerialLogParser.Parse(r.Lines[^1])!;
            // Nearest rank over 4 values: p50 = 2nd, p90 = p99 = 4th; mean and max as the firmware's STAT line.
            string expected = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"latency ms: p50 {latencies[1] / 1e3:F3}  p90 {latencies[3] / 1e3:F3}  p99 {latencies[3] / 1e3:F3}  mean {stat.Long("lat_mean_us") / 1e3:F3}  max {stat.Long("lat_max_us") / 1e3:F3}");
            Assert.Contains(expected, console.OutText.Split('\n'));
            Assert.Contains("detections: 4 (go 1, no 1, stop 1, yes 1)", console.OutText.Split('\n'));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RunVerbPrintsTheSerialLogAndGpio()
    {
        var dir = Directory.CreateTempSubdirectory("kwsrun").FullName;
        try
        {
            var model = Path.Combine(dir, "ds_cnn_s.kwsm");
            File.WriteAllBytes(model, FirmwareModels.Get("ds_cnn_s"));
            var cfg = Path.Combine(dir, "actions.cfg");
            File.WriteAllText(cfg, Config);
            var console = new StringCliConsole();
            int code = CliApp.Run(["run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", model, "--config", cfg, "--native-us", "5000"], console);
            Assert.True(code == 0, console.ErrorText);
            var lines = console.OutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // "interval auto" (the default) calibrated on the 5 ms virtual inference: every hop
            Assert.StartsWith("KWS BOOT t_us=", lines[0]);
            Assert.EndsWith(" board=ESP32 model=flash@0x380000 classes=12 hop_ms=20 window_ms=1000 chunk_ms=40 interval=1 interval_by=auto cal_inf_us=5000 cal_fe_us=0", lines[0]);
            Assert.Equal(["right", "left", "up"], lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!.Text("kw")));
            Assert.Contains(lines, l => l.StartsWith("GPIO 32 high at ", StringComparison.Ordinal));

            File.WriteAllText(cfg, "on yes wiggle 3");
            console = new StringCliConsole();
            Assert.Equal(2, CliApp.Run(["run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", model, "--config", cfg], console));
            Assert.Equal($"error: {cfg}: config line 1: unknown action 'wiggle' (expected pulse, toggle or set)\n", console.ErrorText);

            // micronet_m (131,088 bytes) fits the classic ESP32's 256 KB model region at 0x380000
            console = new StringCliConsole();
            code = CliApp.Run(["run", "--wav", FirmwareModels.Recording("right_left_up.wav"), "--model", Path.Combine(FirmwarePaths.Shared, "models", "micronet_m.tflite"), "--native-us", "5000"], console);
            Assert.True(code == 0, console.ErrorText);
            Assert.Contains("KWS BOOT t_us=", console.OutText);
            Assert.Contains(" board=ESP32 model=flash@0x380000 ", console.OutText);

            var tooBig = Assert.Throws<CliException>(() => VirtualBoardRunner.Run(new VirtualBoardRunner.Options(new byte[0x40000 + 16],
                AudioFeed.FromWav(FirmwareModels.Recording("yes.wav")), null, FlashTarget.Esp32, NativeTimeModel.Fixed(0, 5000))));
            Assert.StartsWith("model is 262160 bytes; ESP32 reserves 262144 bytes for it at 0x380000", tooBig.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void RawPcmStreamAsFromArecordGivesTheSameLogAsTheWav()
    {
        // listen reads raw S16_LE mono PCM from stdin; the same samples must give the same serial log.
        var samples = KwsNano.Audio.WavReader.Read(FirmwareModels.Recording("right_left_up.wav")).Samples;
        var raw = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, raw, 0, raw.Length);
        var fromStream = Run("ds_cnn_s", AudioFeed.FromPcm16Stream(new MemoryStream(raw)));
        var fromWav = Run("ds_cnn_s", AudioFeed.FromWav(FirmwareModels.Recording("right_left_up.wav")));
        Assert.Equal(3, Detections(fromWav).Count);
        // inf_us / fe_us are measured by the native port clock on the host: compare everything else.
        static string Deterministic(string line) => System.Text.RegularExpressions.Regex.Replace(line, @" inf_us=\d+ fe_us=\d+", "");
        Assert.Equal(fromWav.Lines.Select(Deterministic), fromStream.Lines.Select(Deterministic));
    }

    [Fact]
    public void CorruptModelInFlashIsReportedAndTheBoardKeepsRunning()
    {
        var blob = (byte[])FirmwareModels.Get("ds_cnn_s").Clone();
        blob[200] ^= 0x55; // payload byte: CRC mismatch
        var r = VirtualBoardRunner.Run(new VirtualBoardRunner.Options(blob, AudioFeed.FromWav(FirmwareModels.Recording("yes.wav")), Config, FlashTarget.Esp32, NativeTimeModel.Fixed(0, InferenceUs)));
        Assert.Null(r.Labels);
        Assert.Equal("KWS ERR t_us=0 where=model status=-6 text=" + NativeStatusText(6), r.Lines[0]);
        Assert.StartsWith("KWS STAT", r.Lines[^1]);
        Assert.Contains(r.Transitions, t => t.Pin == r.Profile.StatusLedPin && t.High);
    }

    private static string NativeStatusText(int status)
    {
        var board = new Board();
        using var _ = board.Activate();
        return board.Engine.GetStatusText(-status);
    }
}
