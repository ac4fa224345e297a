// Mirror of nanoFramework.System.Device.I2s (ESP32): same names, signatures and defaults.
using KwsNano.VirtualBoard;
using nanoFramework.Hardware.Esp32;

namespace System.Device.I2s;

/// <summary>I2S mode flags (nanoFramework values).</summary>
[Flags]
public enum I2sMode
{
    /// <summary>Master.</summary>
    Master = 1,
    /// <summary>Slave.</summary>
    Slave = 2,
    /// <summary>Transmit.</summary>
    Tx = 4,
    /// <summary>Receive.</summary>
    Rx = 8,
    /// <summary>Built-in DAC.</summary>
    DacBuiltIn = 16,
    /// <summary>Built-in ADC.</summary>
    AdcBuiltIn = 32,
    /// <summary>PDM.</summary>
    Pdm = 64,
}

/// <summary>Bits per sample.</summary>
public enum I2sBitsPerSample
{
    /// <summary>8 bits.</summary>
    Bit8 = 8,
    /// <summary>16 bits.</summary>
    Bit16 = 16,
    /// <summary>24 bits.</summary>
    Bit24 = 24,
    /// <summary>32 bits.</summary>
    Bit32 = 32,
}

/// <summary>Channel format.</summary>
public enum I2sChannelFormat
{
    /// <summary>Both channels, right then left.</summary>
    RightLeft = 0,
    /// <summary>Right channel in both.</summary>
    AllRight,
    /// <summary>Left channel in both.</summary>
    AllLeft,
    /// <summary>Right only.</summary>
    OnlyRight,
    /// <summary>Left only.</summary>
    OnlyLeft,
}

/// <summary>Communication format.</summary>
public enum I2sCommunicationFormat
{
    /// <summary>PCM long.</summary>
    PcmLong = 0x0C,
    /// <summary>Standard I2S.</summary>
    I2S = 1,
    /// <summary>MSB.</summary>
    Msb = 3,
    /// <summary>PCM short.</summary>
    PcmShort = 4,
}

/// <summary>I2S connection settings (defaults as nanoFramework: 44100 Hz, Pdm, Bit16, RightLeft, I2S, 10000 bytes).</summary>
public sealed class I2sConnectionSettings
{
    /// <summary>Creates settings for bus <paramref name="busId"/>.</summary>
    public I2sConnectionSettings(int busId) => BusId = busId;

    /// <summary>Bus id.</summary>
    public int BusId { get; set; }
    /// <summary>Sample rate, Hz.</summary>
    public int SampleRate { get; set; } = 44100;
    /// <summary>Mode (default Pdm: set it).</summary>
    public I2sMode Mode { get; set; } = I2sMode.Pdm;
    /// <summary>Bits per sample.</summary>
    public I2sBitsPerSample BitsPerSample { get; set; } = I2sBitsPerSample.Bit16;
    /// <summary>Channel format.</summary>
    public I2sChannelFormat ChannelFormat { get; set; } = I2sChannelFormat.RightLeft;
    /// <summary>Communication format.</summary>
    public I2sCommunicationFormat CommunicationFormat { get; set; } = I2sCommunicationFormat.I2S;
    /// <summary>Driver buffer size in bytes.</summary>
    public int BufferSize { get; set; } = 10000;
}

/// <summary>I2S device on the virtual board: receive reads the board's microphone (INMP441 model).</summary>
public class I2sDevice : IDisposable
{
    private bool _disposed;

    /// <summary>Opens the device.</summary>
    public I2sDevice(I2sConnectionSettings settings)
    {
        ConnectionSettings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (settings.SampleRate <= 0)
        {
            throw new ArgumentException("SampleRate must be positive");
        }
        if (settings.BufferSize < 8)
        {
            throw new ArgumentException("BufferSize too small");
        }
    }

    /// <summary>Opens a device.</summary>
    public static I2sDevice Create(I2sConnectionSettings settings) => new(settings);

    /// <summary>The settings.</summary>
    public I2sConnectionSettings ConnectionSettings { get; }

    /// <summary>
    /// Blocks until <paramref name="buffer"/> is full of received frames. As on the ESP32, the data-in pin is
    /// attached only when Mode is exactly Master|Rx and a pin carries I2S1_MDATA_IN; otherwise zeros arrive.
    /// </summary>
    public void Read(SpanByte buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var board = Board.Current;
        var s = ConnectionSettings;
        bool connected = s.Mode == (I2sMode.Master | I2sMode.Rx)
            && board.GetFunctionPin(DeviceFunction.I2S1_MDATA_IN) >= 0
            && board.GetFunctionPin(DeviceFunction.I2S1_BCK) >= 0
            && board.GetFunctionPin(DeviceFunction.I2S1_WS) >= 0;
        int frames = buffer.Length / 8;
        board.ReadMicrophone(buffer.AsSpan(), frames, s.BufferSize / 8, board.MicrophoneSlot, connected, (int)s.BitsPerSample);
    }

    /// <summary>Transmit is not simulated.</summary>
    public void Write(SpanByte buffer) => throw new NotSupportedException("the virtual board does not simulate I2S transmit");

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        GC.SuppressFinalize(this);
    }
}
