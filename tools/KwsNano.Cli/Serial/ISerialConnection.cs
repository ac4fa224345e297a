namespace KwsNano.Cli.Serial;

/// <summary>An open serial port, as <see cref="SerialLineSource"/> reads it (a fake in tests, <see cref="SystemSerialPorts"/> on a machine).</summary>
public interface ISerialConnection : IDisposable
{
    /// <summary>Reads up to <paramref name="count"/> bytes; 0 when none arrived within <paramref name="timeoutMs"/>.</summary>
    /// <exception cref="IOException">The port went away (board reset on USB CDC, cable pulled).</exception>
    int Read(byte[] buffer, int offset, int count, int timeoutMs);
}
