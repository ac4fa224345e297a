// Virtual-board half of System.Device.I2s.I2sDevice (surface: firmware/ApiSurface/System.Device.I2s): receive reads the
// board's microphone (INMP441 model: 24-bit samples left-justified in 32-bit slots, on the board's microphone slot).
using System.Buffers.Binary;
using KwsNano.VirtualBoard;
using nanoFramework.Hardware.Esp32;

namespace System.Device.I2s;

public partial class I2sDevice
{
    private Board? _board;
    private bool _disposed;

    private partial void Open()
    {
        _board = Board.Current;
        var s = ConnectionSettings ?? throw new ArgumentNullException("settings");
        // the ESP32 driver's checks (the device reports them as ArgumentException)
        if (s.BusId != 1 && s.BusId != 2)
        {
            throw new ArgumentException($"I2S bus {s.BusId} does not exist (buses 1 and 2)");
        }
        int descriptors = s.BufferSize / 2048;
        if (descriptors < 2 || descriptors > 128)
        {
            throw new ArgumentException($"BufferSize {s.BufferSize} gives {descriptors} DMA descriptors; ESP-IDF needs 2 to 128 (4096 to 264191 bytes)");
        }
        if (s.SampleRate <= 0)
        {
            throw new ArgumentException($"SampleRate {s.SampleRate} is not positive");
        }
    }

    /// <summary>
    /// Bytes of one slot word handed to managed code: the hardware always reads 32-bit slots; 16- and 8-bit formats
    /// keep the upper half (2 bytes), the others the whole slot (4).
    /// </summary>
    internal static int WordBytes(I2sConnectionSettings s) => s.BitsPerSample is I2sBitsPerSample.Bit16 or I2sBitsPerSample.Bit8 ? 2 : 4;

    /// <summary>Words per frame: one for the mono formats (OnlyLeft, OnlyRight), two (left, right) otherwise.</summary>
    internal static int WordsPerFrame(I2sConnectionSettings s) => s.ChannelFormat is I2sChannelFormat.OnlyLeft or I2sChannelFormat.OnlyRight ? 1 : 2;

    public partial void Read(SpanByte buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var board = _board!;
        var s = ConnectionSettings;
        int bus = s.BusId;
        bool connected = s.Mode == (I2sMode.Master | I2sMode.Rx)
            && board.GetFunctionPin(bus == 1 ? DeviceFunction.I2S1_MDATA_IN : DeviceFunction.I2S2_MDATA_IN) >= 0
            && board.GetFunctionPin(bus == 1 ? DeviceFunction.I2S1_BCK : DeviceFunction.I2S2_BCK) >= 0
            && board.GetFunctionPin(bus == 1 ? DeviceFunction.I2S1_WS : DeviceFunction.I2S2_WS) >= 0;
        int word = WordBytes(s);
        int words = WordsPerFrame(s);
        int frameBytes = word * words;
        int frames = buffer.Length / frameBytes;
        var pcm = board.TakeMicrophoneSamples(frames, s.BufferSize / 8);
        var span = buffer.AsSpan();
        span.Clear();
        if (!connected)
        {
            return; // the data-in pin is not attached: zeros arrive
        }
        for (int i = 0; i < frames; i++)
        {
            int slot32 = pcm[i] << 16;
            int left = board.MicrophoneSlot == 0 ? slot32 : 0;
            int right = board.MicrophoneSlot == 1 ? slot32 : 0;
            (int a, int b) = s.ChannelFormat switch
            {
                I2sChannelFormat.AllLeft => (left, left),
                I2sChannelFormat.AllRight => (right, right),
                I2sChannelFormat.OnlyLeft => (left, 0),
                I2sChannelFormat.OnlyRight => (right, 0),
                _ => (left, right),
            };
            int offset = i * frameBytes;
            Put(span, offset, a, word);
            if (words == 2)
            {
                Put(span, offset + word, b, word);
            }
        }
    }

    public partial void Write(SpanByte buffer) => throw new NotSupportedException("the virtual board does not simulate I2S transmit");

    public partial void Dispose() => _disposed = true;

    private static void Put(Span<byte> span, int offset, int slotValue, int word)
    {
        if (word == 4)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span.Slice(offset, 4), slotValue);
        }
        else
        {
            BinaryPrimitives.WriteInt16LittleEndian(span.Slice(offset, 2), (short)(slotValue >> 16));
        }
    }
}
