namespace KwsNano.Cli.Firmware;

/// <summary>The counters of the board's last STAT line (docs/serial-log.md).</summary>
/// <param name="TimeUs">Board time of the line.</param>
/// <param name="Inferences">Inferences since boot.</param>
/// <param name="Detections">Detections since boot.</param>
/// <param name="LatencyMeanUs">Mean detection latency (integer, truncated).</param>
/// <param name="LatencyMaxUs">Largest detection latency.</param>
/// <param name="Overruns">Overruns since boot.</param>
/// <param name="Errors">Native errors since boot.</param>
/// <param name="FreeBytes">Free managed heap.</param>
public sealed record DeviceStats(long TimeUs, long Inferences, long Detections, long LatencyMeanUs, long LatencyMaxUs, long Overruns, long Errors, long FreeBytes)
{
    /// <summary>Reads a STAT record.</summary>
    /// <exception cref="FormatException">A field is missing or not an integer.</exception>
    public static DeviceStats From(SerialLogRecord r) => new(r.Long("t_us"), r.Long("inf"), r.Long("det"), r.Long("lat_mean_us"),
        r.Long("lat_max_us"), r.Long("overruns"), r.Long("errors"), r.Long("free"));
}
