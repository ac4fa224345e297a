using System.Text.RegularExpressions;

namespace KwsNano.Cli.Serial;

/// <summary>
/// Which serial ports <c>kwsnano monitor --list-ports</c> shows, and whether a monitor source names a port or a file.
/// Boards on USB are <c>/dev/ttyUSB*</c> (USB-UART bridges: CP210x, CH340, FTDI) or <c>/dev/ttyACM*</c> (USB CDC:
/// ESP32-S3 native USB, ST-LINK's virtual COM port) on Linux, <c>/dev/cu.*</c> on macOS, and <c>COMn</c> on Windows.
/// </summary>
public static partial class PortList
{
    /// <summary>
    /// The ports worth listing from <paramref name="names"/> (as <c>SerialPort.GetPortNames</c> gives them): on Windows every
    /// COMn; elsewhere USB serial devices only (Linux reports every /dev/ttyS0..31 whether wired or not). In natural order
    /// (COM2 before COM10), without duplicates.
    /// </summary>
    public static IReadOnlyList<string> Usable(IEnumerable<string> names, bool windows) =>
        names.Where(n => windows ? WindowsName().IsMatch(n) : UsbName().IsMatch(n))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => NumberSuffix().Replace(n, ""), StringComparer.Ordinal)
            .ThenBy(n => long.TryParse(NumberSuffix().Match(n).Value, out long k) ? k : -1)
            .ToList();

    /// <summary>
    /// Writes the listing of <c>--list-ports</c> (monitor and flash): one usable port per line, with its
    /// /dev/serial/by-id name where there is one, or a line saying there is none and where boards show up.
    /// </summary>
    public static void WriteListing(ISerialPorts ports, TextWriter o)
    {
        var names = Usable(ports.GetPortNames(), OperatingSystem.IsWindows());
        if (names.Count == 0)
        {
            o.WriteLine("no serial ports found (a board on USB shows up as /dev/ttyUSB* or /dev/ttyACM* on Linux, COMn on Windows)");
            return;
        }
        var described = Descriptions();
        foreach (var name in names)
        {
            o.WriteLine(described.TryGetValue(name, out var id) ? $"{name}  {id}" : name);
        }
    }

    /// <summary>
    /// True when <paramref name="source"/> names a serial port rather than a log file: a Windows COMn name, a terminal
    /// device (/dev/tty*, /dev/cu.*, /dev/pts/*, /dev/rfcomm*, /dev/serial/...), or a link to one (socat's <c>link=</c>).
    /// </summary>
    public static bool IsPort(string source)
    {
        if (WindowsName().IsMatch(source.StartsWith(@"\\.\", StringComparison.Ordinal) ? source[4..] : source))
        {
            return true;
        }
        if (DeviceName().IsMatch(source))
        {
            return true;
        }
        try
        {
            var target = File.ResolveLinkTarget(source, returnFinalTarget: true);
            return target != null && DeviceName().IsMatch(target.FullName);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The name to open for <paramref name="source"/>: a Windows device path <c>\\.\COM12</c> becomes <c>COM12</c>
    /// (System.IO.Ports refuses names starting with two backslashes; it opens COM10 and up from the plain name).
    /// </summary>
    public static string Normalize(string source) => source.StartsWith(@"\\.\", StringComparison.Ordinal) && WindowsName().IsMatch(source[4..]) ? source[4..] : source;

    /// <summary>
    /// Stable names of USB serial devices (/dev/serial/by-id: vendor, product and serial number) by the device they
    /// point to, for the listing; empty where the folder does not exist.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Descriptions(string byIdFolder = "/dev/serial/by-id")
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(byIdFolder))
        {
            return map;
        }
        foreach (var link in Directory.EnumerateFileSystemEntries(byIdFolder).Order(StringComparer.Ordinal))
        {
            try
            {
                if (File.ResolveLinkTarget(link, returnFinalTarget: true) is { } target)
                {
                    map.TryAdd(target.FullName, Path.GetFileName(link));
                }
            }
            catch (IOException)
            {
                // a link that vanished while listing
            }
        }
        return map;
    }

    [GeneratedRegex(@"^COM[1-9][0-9]*$", RegexOptions.IgnoreCase)]
    private static partial Regex WindowsName();

    [GeneratedRegex(@"^/dev/(ttyUSB[0-9]+|ttyACM[0-9]+|cu\.usb.*|tty\.usb.*)$")]
    private static partial Regex UsbName();

    [GeneratedRegex(@"^/dev/(tty.+|cu\..+|pts/[0-9]+|rfcomm[0-9]+|serial/.+)$")]
    private static partial Regex DeviceName();

    [GeneratedRegex(@"[0-9]+$")]
    private static partial Regex NumberSuffix();
}
