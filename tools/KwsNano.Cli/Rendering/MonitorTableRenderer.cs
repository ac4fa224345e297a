using System.Globalization;
using KwsNano.Cli.Firmware;

namespace KwsNano.Cli.Rendering;

/// <summary>
/// The text output of <c>kwsnano monitor</c>: the live table (one row per detection, plus boot, statistics, overrun
/// and error rows as they arrive) and the summary, printed once at the end.
/// </summary>
public sealed class MonitorTableRenderer(TextWriter output) : IMonitorView
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private bool _headerWritten;

    /// <summary>The detection table's header row.</summary>
    public const string Header = "    time_s  keyword     score  latency_ms  network_ms  frontend_ms";

    /// <inheritdoc/>
    public void Boot(SerialLogRecord r, int boot)
    {
        // interval fields arrived with firmware 1.1; older logs lack them
        string interval = r.Fields.ContainsKey("interval")
            ? $", inference every {r.Long("interval")} hop(s) ({(r.Fields.TryGetValue("interval_by", out var by) ? by : "config")}"
              + (r.Fields.ContainsKey("cal_inf_us") ? $", calibrated {r.Long("cal_inf_us")} us per inference" : "") + ")"
            : "";
        string text = $"boot: board {r.Text("board")}, model {r.Text("model")}, {r.Long("classes")} classes, hop {r.Long("hop_ms")} ms, window {r.Long("window_ms")} ms, chunk {r.Long("chunk_ms")} ms{interval}";
        Write(boot > 1 ? $"board restarted (boot {boot}); device counters start again. " + text : text);
        _headerWritten = false; // the table starts again under the new boot line
    }

    /// <inheritdoc/>
    public void Detection(MonitorDetection d)
    {
        if (!_headerWritten)
        {
            output.WriteLine(Header);
            _headerWritten = true;
        }
        Write(string.Create(Inv, $"{d.TimeUs / 1e6,10:F3}  {d.Keyword,-10} {d.Score,6:F3} {d.LatencyUs / 1e3,11:F3} {d.NetworkUs / 1e3,11:F3} {d.FrontendUs / 1e3,12:F3}"));
    }

    /// <inheritdoc/>
    public void Stats(SerialLogRecord r) => Write($"{Seconds(r.Long("t_us")),10}  {DeviceText(DeviceStats.From(r))}");

    /// <inheritdoc/>
    public void Overrun(SerialLogRecord r) => Write($"{Seconds(r.Long("t_us")),10}  overrun ({r.Long("overruns")} so far)");

    /// <inheritdoc/>
    public void Error(SerialLogRecord r) => Write($"{Seconds(r.Long("t_us")),10}  error in {r.Text("where")}: {r.Text("text")}");

    /// <summary>Writes the summary of <paramref name="s"/>; <paramref name="plot"/> is the histogram written, if any.</summary>
    public static void Summary(MonitorSummary s, string? plot, TextWriter o)
    {
        var lat = s.Latency;
        if (s.Records > 0) // with no record at all there is nothing to sum up: the caller says so and exits 1
        {
            Totals(s, o);
        }
        string boots = s.Boots > 1 ? $", {s.Boots} boots" : "";
        string reconnects = s.Reconnects > 0 ? $", {s.Reconnects} reconnect{(s.Reconnects == 1 ? "" : "s")}" : "";
        o.WriteLine($"lines: {s.Lines} read, {s.Records} KwsNano record{(s.Records == 1 ? "" : "s")}, {s.OtherLines} other (not KwsNano records), {s.MalformedLines} malformed{boots}{reconnects}");
        if (plot != null)
        {
            o.WriteLine($"histogram: {plot}");
        }
        o.Flush();
    }

    private static void Totals(MonitorSummary s, TextWriter o)
    {
        var lat = s.Latency;
        o.WriteLine($"detections: {lat.Count}" + (lat.Count == 0 ? "" : " (" + string.Join(", ", s.PerKeyword.Select(kv => $"{kv.Key} {kv.Value}")) + ")"));
        if (lat.Count > 0)
        {
            o.WriteLine(string.Create(Inv,
                $"latency ms: p50 {lat.Percentile(50) / 1e3:F3}  p90 {lat.Percentile(90) / 1e3:F3}  p99 {lat.Percentile(99) / 1e3:F3}  mean {lat.Mean / 1e3:F3}  max {lat.Max / 1e3:F3}"));
        }
        if (s.Device is { } st)
        {
            o.WriteLine($"device at {Seconds(st.TimeUs)}: {DeviceText(st)}");
        }
    }

    private static string DeviceText(DeviceStats st) => string.Create(Inv,
        $"inferences {st.Inferences}, detections {st.Detections}, mean latency {st.LatencyMeanUs / 1e3:F3} ms, max {st.LatencyMaxUs / 1e3:F3} ms, overruns {st.Overruns}, errors {st.Errors}, free {st.FreeBytes} bytes");

    private void Write(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }

    private static string Seconds(long us) => (us / 1e6).ToString("F3", Inv) + " s";
}
