using System.Device.I2s;
using KwsNano.Firmware;
using KwsNano.VirtualBoard;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using nanoFramework.Hardware.Esp32;

namespace KwsNano.Tests.Firmware;

/// <summary>The virtual board's mirrors and simulation, and the firmware's error handling on it (no model needed).</summary>
public class VirtualBoardTests
{
    private sealed class Lines : ILineWriter
    {
        public List<string> All { get; } = [];

        public void WriteLine(string line) => All.Add(line);
    }

    private static short[] Ramp(int n) => Enumerable.Range(0, n).Select(i => (short)(i * 7 - 3000)).ToArray();

    [Fact]
    public void I2sDeliversInmp441FramesOnlyWhenWiredAsMasterRx()
    {
        var board = new Board { Audio = AudioFeed.FromSamples(Ramp(64), leadInMs: 0, tailMs: 0) };
        using var _ = board.Activate();
        var settings = new I2sConnectionSettings(1) { SampleRate = 16000, BitsPerSample = I2sBitsPerSample.Bit32, BufferSize = 8192 };
        var buffer = new byte[8 * 16];

        // Default mode is Pdm and no pins are mapped: the data pin is not attached, zeros arrive.
        new I2sDevice(settings).Read(new SpanByte(buffer));
        Assert.All(buffer, b => Assert.Equal(0, b));

        Configuration.SetPinFunction(18, DeviceFunction.I2S1_BCK);
        Configuration.SetPinFunction(19, DeviceFunction.I2S1_WS);
        Configuration.SetPinFunction(23, DeviceFunction.I2S1_MDATA_IN);
        settings.Mode = I2sMode.Master | I2sMode.Rx;
        new I2sDevice(settings).Read(new SpanByte(buffer));
        for (int i = 0; i < 16; i++)
        {
            short sample = (short)((16 + i) * 7 - 3000);
            Assert.Equal(sample << 16, BitConverter.ToInt32(buffer, i * 8));   // left slot: 24-bit data, left-justified
            Assert.Equal(0, BitConverter.ToInt32(buffer, i * 8 + 4));          // right slot: nobody drives it
        }
        Assert.Equal(2000, board.Clock.NowUs); // 32 frames at 16 kHz
    }

    [Fact]
    public void ReadingLateDropsWhatTheDmaRingCannotHold()
    {
        var board = new Board { Audio = AudioFeed.FromSamples(new short[40000], leadInMs: 0, tailMs: 0) };
        using var _ = board.Activate();
        Configuration.SetPinFunction(23, DeviceFunction.I2S1_MDATA_IN);
        var device = new I2sDevice(new I2sConnectionSettings(1) { SampleRate = 16000, Mode = I2sMode.Master | I2sMode.Rx, BitsPerSample = I2sBitsPerSample.Bit32, BufferSize = 4096 * 8 });
        var buffer = new byte[1280 * 8];
        device.Read(buffer);
        Assert.Equal(80_000, board.Clock.NowUs);
        board.Clock.Advance(1_000_000); // a 1 s stall: 16,000 frames arrived, the ring holds 4,096
        device.Read(buffer);
        Assert.Equal(16000 - 4096, board.DroppedFrames);
        Assert.Equal(1_080_000, board.Clock.NowUs); // the data was already there: no wait

        var monitor = new OverrunMonitor(4096, 16000);
        Assert.False(monitor.OnRead(1280, 80_000));
        Assert.True(monitor.OnRead(1280, 1_080_000));
    }

    [Fact]
    public void GpioTransitionsAreRecordedWithVirtualTime()
    {
        var board = new Board();
        using var _ = board.Activate();
        var gpio = new System.Device.Gpio.GpioController();
        var pin = gpio.OpenPin(25, System.Device.Gpio.PinMode.Output);
        board.Clock.Advance(1234);
        pin.Write(System.Device.Gpio.PinValue.High);
        pin.Write(System.Device.Gpio.PinValue.High); // no change, no transition
        board.Clock.Advance(10);
        pin.Toggle();
        Assert.Equal([new PinTransition(25, true, 1234), new PinTransition(25, false, 1244)], board.Transitions);
        Assert.Throws<InvalidOperationException>(() => gpio.OpenPin(25, System.Device.Gpio.PinMode.Output));
    }

    [Fact]
    public void ActionsPulseToggleAndSetPins()
    {
        var board = new Board();
        using var _ = board.Activate();
        var config = ActionConfigParser.Parse("on yes pulse 25 200\non no toggle 26\non go set 27 high\non stop set 27 low");
        var runner = new ActionRunner(config, new System.Device.Gpio.GpioController());
        Assert.Equal(1, runner.Execute("yes", 1_000_000));
        runner.Poll(1_150_000);
        board.Clock.AdvanceTo(1_000_000);
        runner.Execute("no", 0);
        runner.Execute("go", 0);
        runner.Execute("stop", 0);
        board.Clock.AdvanceTo(1_240_000);
        runner.Poll(1_240_000);
        Assert.Equal(0, runner.Execute("left", 0));
        Assert.Equal(
            [new PinTransition(25, true, 0), new PinTransition(26, true, 1_000_000), new PinTransition(27, true, 1_000_000),
             new PinTransition(27, false, 1_000_000), new PinTransition(25, false, 1_240_000)],
            board.Transitions);
    }

    [Fact]
    public void MissingModelIsReportedTheLedBlinksAndTheAppStaysUp()
    {
        var board = new Board { Audio = AudioFeed.FromSamples(new short[16000 * 4], leadInMs: 0, tailMs: 0) };
        using var _ = board.Activate();
        var lines = new Lines();
        var profile = BoardProfile.Esp32Inmp441();
        var app = BoardApps.Create(profile, profile.DefaultActions, lines);
        app.Start(); // flash at 0x380000 is erased
        int steps = 0;
        while (!board.AudioExhausted)
        {
            app.Step();
            steps++;
        }
        app.ReportStats();
        Assert.False(app.ModelLoaded);
        // the device's text (docs/serial-log.md): the virtual board runs the device's C session
        Assert.Equal("KWS ERR t_us=0 where=model status=-102 text=no valid model in flash at the configured address", lines.All[0]);
        int expectedSteps = (16000 * 4 - 4096 + 639) / 640; // 256 ms discarded at start, then 40 ms chunks
        Assert.Equal(expectedSteps, steps);
        Assert.StartsWith($"KWS STAT t_us={(4096 + expectedSteps * 640) * 1000000L / 16000} inf=0 det=0", lines.All[^1]);
        var led = board.Transitions.Where(t => t.Pin == profile.StatusLedPin && t.High).Select(t => t.TimeUs).ToList();
        Assert.Equal(3, led.Count(t => t >= 2_000_000 && t < 4_000_000)); // three flashes per 2 s period
        Assert.Equal(2, led.Count(t => t < 2_000_000)); // the first flash falls in the 256 ms start-up discard
    }

    [Fact]
    public void BadConfigurationIsReportedAndDefaultsAreUsed()
    {
        var board = new Board { Audio = AudioFeed.FromSamples(new short[8000], leadInMs: 0, tailMs: 0) };
        using var _ = board.Activate();
        var lines = new Lines();
        var app = BoardApps.Create(BoardProfile.Esp32Inmp441(), "on yes blink 2", lines);
        app.Start();
        Assert.Equal("KWS ERR t_us=0 where=config status=0 text=config line 1: unknown action 'blink' (expected pulse, toggle or set)", lines.All[0]);
    }

    [Fact]
    public void AudioFeedUsesCoresWavReaderAveragingStereoWithItsMessages()
    {
        // Speech only on the right channel: Core's reader averages ((l + r) >> 1), as classify does; the old
        // board reader kept channel 0 (silence).
        string dir = Directory.CreateTempSubdirectory("kws-feed-").FullName;
        try
        {
            short[] right = { 1000, -2000, 3001, 4000 };
            var bytes = KwsNano.Audio.WavReader.Encode(new short[8]); // 16 data bytes: 4 stereo frames
            bytes[22] = 2; // channels
            bytes[32] = 4; // block align
            BitConverter.GetBytes(64000u).CopyTo(bytes, 28); // byte rate
            for (int i = 0; i < 4; i++)
            {
                BitConverter.GetBytes((short)0).CopyTo(bytes, 44 + 4 * i);
                BitConverter.GetBytes(right[i]).CopyTo(bytes, 46 + 4 * i);
            }
            string path = Path.Combine(dir, "right.wav");
            File.WriteAllBytes(path, bytes);
            var feed = AudioFeed.FromWav(path, leadInMs: 0, tailMs: 0);
            var got = new short[4];
            feed.Read(got);
            Assert.Equal(new short[] { 500, -1000, 1500, 2000 }, got);

            string mono8 = Path.Combine(dir, "eight.wav");
            var eight = KwsNano.Audio.WavReader.Encode(new short[4]);
            eight[34] = 8;
            File.WriteAllBytes(mono8, eight);
            var e = Assert.Throws<KwsNano.Audio.WavFormatException>(() => AudioFeed.FromWav(mono8));
            Assert.Equal($"{mono8}: is 8-bit PCM; needed: 16-bit integer PCM, mono or stereo", e.Message);
            e = Assert.Throws<KwsNano.Audio.WavFormatException>(() => AudioFeed.FromWav(dir));
            Assert.Equal($"{dir}: is a directory, not a WAV file", e.Message);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void HostKwsEngineHasTheDeviceInteropSurface()
    {
        var source = File.ReadAllText(FirmwarePaths.Repo("firmware", "KwsNano.Interop", "KwsEngine.cs"));
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var device = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => $"{m.ReturnType} {m.Identifier}({string.Join(", ", m.ParameterList.Parameters.Select(p => p.Type!.ToString()))})")
            .ToList();
        Assert.All(root.DescendantNodes().OfType<MethodDeclarationSyntax>(), m =>
        {
            Assert.Contains(m.Modifiers, t => t.Text == "extern");
            Assert.Contains("InternalCall", m.AttributeLists.ToString());
        });
        var alias = new Dictionary<Type, string> { [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(float)] = "float", [typeof(string)] = "string", [typeof(byte[])] = "byte[]", [typeof(sbyte[])] = "sbyte[]", [typeof(int[])] = "int[]" };
        var host = typeof(KwsNano.Interop.KwsEngine).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .OrderBy(m => m.MetadataToken)
            .Select(m => $"{alias[m.ReturnType]} {m.Name}({string.Join(", ", m.GetParameters().Select(p => alias[p.ParameterType]))})")
            .ToList();
        Assert.Equal(device, host);
        var deviceConstants = root.DescendantNodes().OfType<FieldDeclarationSyntax>()
            .Where(f => f.Modifiers.Any(t => t.Text == "const"))
            .ToDictionary(f => f.Declaration.Variables[0].Identifier.Text, f => int.Parse(f.Declaration.Variables[0].Initializer!.Value.ToString(), System.Globalization.CultureInfo.InvariantCulture));
        var hostConstants = typeof(KwsNano.Interop.KwsEngine).GetFields().Where(f => f.IsLiteral).ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        Assert.Equal(deviceConstants.OrderBy(k => k.Key), hostConstants.OrderBy(k => k.Key));
    }
}
