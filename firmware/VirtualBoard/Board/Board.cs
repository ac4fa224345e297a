using System.Device.Gpio;
using nanoFramework.Hardware.Esp32;

namespace KwsNano.VirtualBoard;

/// <summary>
/// One simulated microcontroller: clock, microphone audio, GPIO, flash, pin functions and the native engine
/// state. The nanoFramework mirrors (I2sDevice, GpioController, Configuration, KwsEngine ...) act on the board
/// made current on the calling thread with <see cref="Activate"/>, so parallel tests each get their own.
/// </summary>
public sealed class Board
{
    [ThreadStatic] private static Board? _current;

    private readonly Dictionary<int, DeviceFunction> _pinFunctions = new();
    private readonly Dictionary<int, bool> _levels = new();
    private readonly List<PinTransition> _transitions = new();
    private long _micFramesRead;

    /// <summary>Creates a board with the given nanoFramework target name (SystemInfo.TargetName).</summary>
    public Board(string targetName = "ESP32_REV0")
    {
        TargetName = targetName;
        Engine = new NativeEngine(this);
    }

    /// <summary>The board active on this thread.</summary>
    /// <exception cref="InvalidOperationException">No board is active.</exception>
    public static Board Current => _current ?? throw new InvalidOperationException("no virtual board is active on this thread: call Board.Activate() first");

    /// <summary>Makes this board current on the calling thread until the result is disposed.</summary>
    public IDisposable Activate()
    {
        var previous = _current;
        _current = this;
        return new Restore(previous);
    }

    /// <summary>nanoFramework target name reported by SystemInfo.TargetName.</summary>
    public string TargetName { get; set; }

    /// <summary>Simulated time.</summary>
    public VirtualClock Clock { get; } = new();

    /// <summary>How native calls advance the clock.</summary>
    public NativeTimeModel NativeTime { get; set; } = NativeTimeModel.MeasuredOnHost;

    /// <summary>Sound reaching the microphone (null: silence forever).</summary>
    public AudioFeed? Audio { get; set; }

    /// <summary>Slot the microphone drives (0 left: L/R pin to GND; 1 right).</summary>
    public int MicrophoneSlot { get; set; }

    /// <summary>Flash contents (the model blob, written like nanoff --binfile).</summary>
    public VirtualFlash Flash { get; } = new();

    /// <summary>Free managed heap reported by nanoFramework.Runtime.Native.GC.Run (simulated).</summary>
    public uint FreeHeapBytes { get; set; } = 180_000;

    /// <summary>Host implementation of the native interop methods.</summary>
    public NativeEngine Engine { get; }

    /// <summary>Every GPIO output change, in time order.</summary>
    public IReadOnlyList<PinTransition> Transitions => _transitions;

    /// <summary>Frames the microphone driver dropped because the application read too late.</summary>
    public long DroppedFrames { get; private set; }

    /// <summary>True when the audio feed (source and tail) has been read entirely.</summary>
    public bool AudioExhausted => Audio == null || Audio.Exhausted;

    internal void SetPinFunction(int pin, DeviceFunction function) => _pinFunctions[pin] = function;

    internal int GetFunctionPin(DeviceFunction function)
    {
        foreach (var kv in _pinFunctions)
        {
            if (kv.Value == function)
            {
                return kv.Key;
            }
        }
        return -1;
    }

    internal bool ReadPin(int pin) => _levels.TryGetValue(pin, out var v) && v;

    internal void WritePin(int pin, bool high)
    {
        bool old = ReadPin(pin);
        _levels[pin] = high;
        if (old != high)
        {
            _transitions.Add(new PinTransition(pin, high, Clock.NowUs));
        }
    }

    /// <summary>
    /// The microphone's next <paramref name="frameCount"/> samples, the way an INMP441 on a DMA ring of
    /// <paramref name="bufferFrames"/> frames delivers them: waits (virtually) until they arrived and drops the oldest
    /// audio when the reader fell further behind than the ring holds.
    /// </summary>
    internal short[] TakeMicrophoneSamples(int frameCount, int bufferFrames)
    {
        int rate = Audio?.SampleRate ?? 16000;
        long available = Clock.NowUs * rate / 1_000_000;
        long lag = available - _micFramesRead;
        if (lag > bufferFrames)
        {
            long drop = lag - bufferFrames;
            Audio?.Skip(drop);
            _micFramesRead += drop;
            DroppedFrames += drop;
        }
        long need = _micFramesRead + frameCount;
        Clock.AdvanceTo((need * 1_000_000 + rate - 1) / rate);
        var pcm = new short[frameCount];
        Audio?.Read(pcm);
        _micFramesRead += frameCount;
        return pcm;
    }

    /// <summary>
    /// Delivers <paramref name="frameCount"/> 32-bit stereo frames (8 bytes: left int32, right int32) as the native
    /// capture's DMA writes them: each sample left-justified in the <paramref name="slot"/> slot (24-bit data in the
    /// top bits of 32), the other slot 0.
    /// </summary>
    internal void ReadMicrophoneFrames(Span<byte> destination, int frameCount, int bufferFrames, int slot)
    {
        var pcm = TakeMicrophoneSamples(frameCount, bufferFrames);
        destination.Slice(0, frameCount * 8).Clear();
        for (int i = 0; i < frameCount; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 8 + slot * 4, 4), pcm[i] << 16);
        }
    }

    /// <summary>GPIO count of the target (what GpioController.PinCount reports): ESP32 40, ESP32-S3 49, STM32F769 176 (ports A-K).</summary>
    public int PinCount => IsEsp32S3 ? 49 : IsEsp32 ? 40 : 176;

    /// <summary>nanoFramework platform name (SystemInfo.Platform): ESP32 for the ESP32 family, STM32F7 for the F769I board.</summary>
    public string Platform => IsEsp32 ? "ESP32" : TargetName.StartsWith("ST_STM32F7", StringComparison.Ordinal) ? "STM32F7" : "STM32";

    /// <summary>
    /// True when <paramref name="pin"/> can be opened: in range and not reserved. Classic ESP32: GPIO 6-11 drive the
    /// flash, 20, 24 and 28-31 do not exist. ESP32-S3: 22-25 do not exist, 26-32 drive the flash.
    /// </summary>
    public bool IsUsablePin(int pin)
    {
        if (pin < 0 || pin >= PinCount)
        {
            return false;
        }
        if (IsEsp32S3)
        {
            return pin < 22 || pin > 32;
        }
        if (IsEsp32)
        {
            return !(pin >= 6 && pin <= 11) && pin != 20 && pin != 24 && !(pin >= 28 && pin <= 31);
        }
        return true;
    }

    /// <summary>
    /// True when <paramref name="pin"/> supports <paramref name="mode"/>: classic ESP32 GPIO 34-39 are inputs without
    /// pulls; no target has open-source outputs.
    /// </summary>
    public bool SupportsPinMode(int pin, PinMode mode)
    {
        if (mode is PinMode.OutputOpenSource or PinMode.OutputOpenSourcePullDown)
        {
            return false;
        }
        if (IsEsp32 && !IsEsp32S3 && pin >= 34)
        {
            return mode == PinMode.Input;
        }
        return true;
    }

    private bool IsEsp32 => TargetName.StartsWith("ESP32", StringComparison.Ordinal);

    private bool IsEsp32S3 => TargetName.StartsWith("ESP32_S3", StringComparison.Ordinal);

    private sealed class Restore(Board? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
