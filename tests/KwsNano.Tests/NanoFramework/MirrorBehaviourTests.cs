using System.Device.Gpio;
using System.Device.I2s;
using KwsNano.VirtualBoard;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;
using NfAssert = nanoFramework.TestFramework.Assert;

namespace KwsNano.Tests.NanoFramework;

/// <summary>
/// The virtual board's nanoFramework mirrors behave like the real APIs wherever the firmware could tell the
/// difference (facts: ../shared/docs/nanoframework.md): pin counts, reserved pins and the exceptions they throw, pin
/// modes, the I2S driver's checks and read layouts, platform names, TestFramework's exact exception matching.
/// </summary>
public class MirrorBehaviourTests
{
    [Theory]
    [InlineData("ESP32_REV0", 40, "ESP32")]
    [InlineData("ESP32_S3", 49, "ESP32")]
    [InlineData("ST_STM32F769I_DISCOVERY", 176, "STM32F7")]
    public void PinCountAndPlatformAreTheTargets(string target, int pins, string platform)
    {
        var board = new Board(target);
        using var _ = board.Activate();
        Assert.Equal(pins, new GpioController().PinCount);
        Assert.Equal(platform, SystemInfo.Platform);
        Assert.Equal(target, SystemInfo.TargetName);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]   // flash
    [InlineData(11)]  // flash
    [InlineData(20)]  // does not exist on the classic ESP32
    [InlineData(40)]  // out of range
    public void InvalidOrReservedPinsThrowInvalidOperation(int pin)
    {
        using var _ = new Board("ESP32_REV0").Activate();
        var gpio = new GpioController();
        Assert.Throws<InvalidOperationException>(() => gpio.OpenPin(pin));
    }

    [Fact]
    public void OpeningTwiceOrClosingAClosedPinThrows()
    {
        using var _ = new Board().Activate();
        var gpio = new GpioController();
        gpio.OpenPin(2);
        Assert.Throws<InvalidOperationException>(() => gpio.OpenPin(2));
        gpio.ClosePin(2);
        Assert.False(gpio.IsPinOpen(2));
        Assert.Throws<InvalidOperationException>(() => gpio.ClosePin(2));
        Assert.Throws<InvalidOperationException>(() => gpio.GetPinMode(2));
    }

    [Fact]
    public void OpenPinSetsNoModeAndOutputDrivesLow()
    {
        var board = new Board();
        using var _ = board.Activate();
        var gpio = new GpioController();
        var pin = gpio.OpenPin(4);
        Assert.Equal(PinMode.Input, pin.GetPinMode());
        pin.Write(PinValue.High);          // latched, not driven: the pin is an input
        pin.Toggle();                      // does nothing on an input
        Assert.Empty(board.Transitions);
        pin.SetPinMode(PinMode.Output);    // becoming an output drives the pin low (no edge from low)
        Assert.Equal(PinValue.Low, pin.Read());
        pin.Toggle();
        Assert.Equal(PinValue.High, pin.Read());
        Assert.Single(board.Transitions);
        Assert.True(board.Transitions[0].High);
    }

    [Fact]
    public void UnsupportedModesThrowArgumentException()
    {
        using var _ = new Board("ESP32_REV0").Activate();
        var gpio = new GpioController();
        Assert.False(gpio.IsPinModeSupported(34, PinMode.Output)); // GPIO 34-39 are inputs only
        var pin = gpio.OpenPin(34);
        Assert.False(pin.IsPinModeSupported(PinMode.InputPullUp));
        Assert.Throws<ArgumentException>(() => pin.SetPinMode(PinMode.Output));
        Assert.Throws<ArgumentException>(() => gpio.OpenPin(35, PinMode.Output));
    }

    [Fact]
    public void EdgesReachRegisteredCallbacksAndTheEvent()
    {
        using var _ = new Board().Activate();
        var gpio = new GpioController();
        var pin = gpio.OpenPin(5, PinMode.Output);
        var seen = new List<string>();
        pin.ValueChanged += (s, e) => seen.Add("event " + e.ChangeType);
        gpio.RegisterCallbackForPinValueChangedEvent(5, PinEventTypes.Rising, (s, e) => seen.Add("callback " + e.ChangeType));
        pin.Write(PinValue.High);
        pin.Write(PinValue.Low);
        Assert.Equal(["event Rising", "callback Rising", "event Falling"], seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void I2sBusMustExist(int bus)
    {
        using var _ = new Board().Activate();
        Assert.Throws<ArgumentException>(() => new I2sDevice(new I2sConnectionSettings(bus) { BufferSize = 8192 }));
    }

    [Theory]
    [InlineData(4095, false)]   // one DMA descriptor: ESP-IDF needs at least 2
    [InlineData(4096, true)]
    [InlineData(10000, true)]   // the default
    [InlineData(264191, true)]  // 128 descriptors
    [InlineData(264192, false)]
    public void I2sBufferSizeNeedsTwoTo128Descriptors(int bytes, bool ok)
    {
        using var _ = new Board().Activate();
        var settings = new I2sConnectionSettings(1) { BufferSize = bytes };
        if (ok)
        {
            new I2sDevice(settings).Dispose();
        }
        else
        {
            Assert.Throws<ArgumentException>(() => new I2sDevice(settings));
        }
    }

    private static byte[] ReadWired(I2sBitsPerSample bits, I2sChannelFormat format, int bytes, int bus = 1, int micSlot = 0)
    {
        var samples = new short[] { 0x1234, -0x1235, 0x0101, 0x7FFF };
        var board = new Board { Audio = AudioFeed.FromSamples(samples, leadInMs: 0, tailMs: 0), MicrophoneSlot = micSlot };
        using var _ = board.Activate();
        var f = bus == 1 ? (DeviceFunction.I2S1_BCK, DeviceFunction.I2S1_WS, DeviceFunction.I2S1_MDATA_IN) : (DeviceFunction.I2S2_BCK, DeviceFunction.I2S2_WS, DeviceFunction.I2S2_MDATA_IN);
        Configuration.SetPinFunction(18, f.Item1);
        Configuration.SetPinFunction(19, f.Item2);
        Configuration.SetPinFunction(23, f.Item3);
        var device = new I2sDevice(new I2sConnectionSettings(bus) { SampleRate = 16000, Mode = I2sMode.Master | I2sMode.Rx, BitsPerSample = bits, ChannelFormat = format, BufferSize = 8192 });
        var buffer = new byte[bytes];
        device.Read(new SpanByte(buffer));
        return buffer;
    }

    [Fact]
    public void I2sReadLayoutFollowsTheSettings()
    {
        // Bit32 stereo: 8 bytes per frame, left int32 then right
        var b32 = ReadWired(I2sBitsPerSample.Bit32, I2sChannelFormat.RightLeft, 16);
        Assert.Equal(0x1234 << 16, BitConverter.ToInt32(b32, 0));
        Assert.Equal(0, BitConverter.ToInt32(b32, 4));
        Assert.Equal(-0x1235 << 16, BitConverter.ToInt32(b32, 8));
        // Bit16 stereo: 4 bytes per frame, the upper half of each slot
        var b16 = ReadWired(I2sBitsPerSample.Bit16, I2sChannelFormat.RightLeft, 8);
        Assert.Equal(new short[] { 0x1234, 0, -0x1235, 0 }, Enumerable.Range(0, 4).Select(i => BitConverter.ToInt16(b16, 2 * i)).ToArray());
        // mono: one word per frame
        var mono = ReadWired(I2sBitsPerSample.Bit32, I2sChannelFormat.OnlyLeft, 16);
        Assert.Equal(new[] { 0x1234 << 16, -0x1235 << 16, 0x0101 << 16, 0x7FFF << 16 }, Enumerable.Range(0, 4).Select(i => BitConverter.ToInt32(mono, 4 * i)).ToArray());
        // a microphone on the right slot
        var right = ReadWired(I2sBitsPerSample.Bit32, I2sChannelFormat.RightLeft, 8, micSlot: 1);
        Assert.Equal(0, BitConverter.ToInt32(right, 0));
        Assert.Equal(0x1234 << 16, BitConverter.ToInt32(right, 4));
    }

    [Fact]
    public void I2sBusTwoNeedsItsOwnPins()
    {
        Assert.Equal(0x1234 << 16, BitConverter.ToInt32(ReadWired(I2sBitsPerSample.Bit32, I2sChannelFormat.RightLeft, 8, bus: 2), 0));
        // bus 2 with bus 1's pins: the data pin is not attached
        var board = new Board { Audio = AudioFeed.FromSamples([0x1234], leadInMs: 0, tailMs: 0) };
        using var _ = board.Activate();
        Configuration.SetPinFunction(18, DeviceFunction.I2S1_BCK);
        Configuration.SetPinFunction(19, DeviceFunction.I2S1_WS);
        Configuration.SetPinFunction(23, DeviceFunction.I2S1_MDATA_IN);
        var buffer = new byte[8];
        new I2sDevice(new I2sConnectionSettings(2) { Mode = I2sMode.Master | I2sMode.Rx, BitsPerSample = I2sBitsPerSample.Bit32, BufferSize = 8192 }).Read(new SpanByte(buffer));
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void UnmappedFunctionsReadMinusOne()
    {
        using var _ = new Board().Activate();
        Assert.Equal(-1, Configuration.GetFunctionPin(DeviceFunction.I2S1_MDATA_IN));
        Configuration.SetPinFunction(23, DeviceFunction.I2S1_MDATA_IN);
        Assert.Equal(23, Configuration.GetFunctionPin(DeviceFunction.I2S1_MDATA_IN));
    }

    [Fact]
    public void ThrowsExceptionWantsTheExactType()
    {
        NfAssert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentException("x"));
        // a subclass does not satisfy it, as with the real TestFramework
        Assert.Throws<nanoFramework.TestFramework.AssertFailedException>(() =>
            NfAssert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentOutOfRangeException("x")));
        Assert.Throws<nanoFramework.TestFramework.AssertFailedException>(() => NfAssert.ThrowsException(typeof(ArgumentException), () => { }));
    }
}
