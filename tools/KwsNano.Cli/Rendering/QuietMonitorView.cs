using KwsNano.Cli.Firmware;

namespace KwsNano.Cli.Rendering;

/// <summary>No live table (<c>kwsnano monitor --json</c> prints only its summary document).</summary>
public sealed class QuietMonitorView : IMonitorView
{
    /// <inheritdoc/>
    public void Boot(SerialLogRecord record, int boot) { }

    /// <inheritdoc/>
    public void Detection(MonitorDetection detection) { }

    /// <inheritdoc/>
    public void Stats(SerialLogRecord record) { }

    /// <inheritdoc/>
    public void Overrun(SerialLogRecord record) { }

    /// <inheritdoc/>
    public void Error(SerialLogRecord record) { }
}
