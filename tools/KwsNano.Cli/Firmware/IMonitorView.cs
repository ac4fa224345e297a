namespace KwsNano.Cli.Firmware;

/// <summary>
/// What <see cref="SerialMonitor"/> reports as each line arrives: the live table of <c>kwsnano monitor</c>
/// (<see cref="Rendering.MonitorTableRenderer"/>) or nothing (<c>--json</c>, which prints only the summary).
/// </summary>
public interface IMonitorView
{
    /// <summary>A BOOT line (<paramref name="boot"/> counts boots seen, 1 for the first).</summary>
    void Boot(SerialLogRecord record, int boot);

    /// <summary>A DET line.</summary>
    void Detection(MonitorDetection detection);

    /// <summary>A STAT line.</summary>
    void Stats(SerialLogRecord record);

    /// <summary>An OVR line.</summary>
    void Overrun(SerialLogRecord record);

    /// <summary>An ERR line.</summary>
    void Error(SerialLogRecord record);
}
