namespace KwsNano.Cli.Serial;

/// <summary>The machine's serial ports: what exists, and opening one.</summary>
public interface ISerialPorts
{
    /// <summary>Port names as the operating system reports them (Linux /dev/tty*, Windows COMn).</summary>
    IReadOnlyList<string> GetPortNames();

    /// <summary>Opens <paramref name="name"/> at <paramref name="baud"/> baud, 8N1, no flow control, for reading.</summary>
    /// <exception cref="IOException">The port does not exist or cannot be opened now.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission, or another program holds the port.</exception>
    ISerialConnection Open(string name, int baud);
}
