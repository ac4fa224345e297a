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
    /// Delivers <paramref name="frameCount"/> 32-bit stereo frames the way an INMP441 on a DMA ring of
    /// <paramref name="bufferFrames"/> frames would: waits (virtually) until they arrived, drops the oldest audio
    /// when the reader fell further behind than the ring holds, and puts each sample left-justified in the
    /// <paramref name="slot"/> slot (24-bit data in the top bits of 32; the other slot reads 0). With
    /// <paramref name="connected"/> false (data pin not attached) every slot reads 0.
    /// </summary>
    internal void ReadMicrophone(Span<byte> destination, int frameCount, int bufferFrames, int slot, bool connected, int bitsPerSample)
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
        if (Audio != null)
        {
            Audio.Read(pcm);
        }
        _micFramesRead += frameCount;
        destination.Slice(0, frameCount * 8).Clear();
        if (!connected)
        {
            return;
        }
        for (int i = 0; i < frameCount; i++)
        {
            int value = pcm[i] << 16; // 24-bit sample, left-justified in the 32-bit slot
            if (bitsPerSample == 16)
            {
                value &= unchecked((int)0xFFFF0000); // 16-bit formats keep the top half of the slot
            }
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 8 + slot * 4, 4), value);
        }
    }

    private sealed class Restore(Board? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
