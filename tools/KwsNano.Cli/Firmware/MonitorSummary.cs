namespace KwsNano.Cli.Firmware;

/// <summary>What <c>kwsnano monitor</c> saw, printed once at the end (table or <c>--json</c>).</summary>
/// <param name="Source">The port or file read.</param>
/// <param name="Lines">Lines read.</param>
/// <param name="Records">Lines holding a well-formed KwsNano record.</param>
/// <param name="OtherLines">Lines holding no KwsNano record (boot messages, debugger traffic, noise at a wrong baud rate).</param>
/// <param name="MalformedLines">Lines starting a KwsNano record that could not be parsed (skipped).</param>
/// <param name="Boots">BOOT lines (more than one: the board restarted).</param>
/// <param name="Reconnects">Times the serial port vanished and came back.</param>
/// <param name="PerKeyword">Detections per keyword, in ordinal order.</param>
/// <param name="Latency">Latency statistics of the detections.</param>
/// <param name="Overruns">OVR lines.</param>
/// <param name="Errors">ERR lines.</param>
/// <param name="Device">The last STAT line, or null.</param>
/// <param name="Interrupted">Stopped with Ctrl-C.</param>
public sealed record MonitorSummary(string Source, long Lines, long Records, long OtherLines, long MalformedLines, int Boots, int Reconnects,
    IReadOnlyList<KeyValuePair<string, int>> PerKeyword, LatencySummary Latency, int Overruns, int Errors, DeviceStats? Device, bool Interrupted);
