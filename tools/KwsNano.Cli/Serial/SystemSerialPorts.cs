using System.IO.Ports;

namespace KwsNano.Cli.Serial;

/// <summary>The real serial ports through System.IO.Ports (termios on Linux and macOS, the COM API on Windows).</summary>
public sealed class SystemSerialPorts : ISerialPorts
{
    /// <summary>The single instance.</summary>
    public static readonly SystemSerialPorts Instance = new();

    private SystemSerialPorts() { }

    /// <inheritdoc/>
    public IReadOnlyList<string> GetPortNames() => SerialPort.GetPortNames();

    /// <inheritdoc/>
    public ISerialConnection Open(string name, int baud)
    {
        if (!OperatingSystem.IsWindows() && !Exists(name))
        {
            // System.IO.Ports says "access denied" for a missing device: say what is true
            throw new IOException("no such port");
        }
        var port = new SerialPort(name, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            // ESP32 dev boards wire DTR/RTS to EN/IO0 through the USB-UART: leaving them unasserted keeps the board running.
            DtrEnable = false,
            RtsEnable = false,
            ReadBufferSize = 1 << 16,
        };
        try
        {
            port.Open();
        }
        catch
        {
            port.Dispose();
            throw;
        }
        return new Connection(port);
    }

    private static bool Exists(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return false;
            }
            var target = File.ResolveLinkTarget(path, returnFinalTarget: true);
            return target == null || target.Exists; // a link (socat's link=, /dev/serial/by-id) must lead somewhere
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed class Connection(SerialPort port) : ISerialConnection
    {
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!port.IsOpen)
            {
                throw new IOException("the port was closed");
            }
            port.ReadTimeout = timeoutMs;
            try
            {
                int n = port.Read(buffer, offset, count);
                if (n == 0)
                {
                    throw new IOException("end of stream (the device hung up)");
                }
                return n;
            }
            catch (TimeoutException)
            {
                return 0;
            }
            catch (InvalidOperationException e)
            {
                throw new IOException(e.Message, e); // the port closed under us
            }
        }

        public void Dispose()
        {
            try
            {
                port.Dispose();
            }
            catch (IOException)
            {
                // the device is already gone: nothing left to close
            }
        }
    }
}
