using System.Globalization;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// Reads the firmware's serial log line by line and keeps a live table: one row per detection as it arrives, a
/// summary (p50/p90/p99 latency, mean, max, per-keyword counts) after every statistics line and at the end.
/// </summary>
public sealed class SerialMonitor
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly List<long> _latencies = [];
    private readonly SortedDictionary<string, int> _perKeyword = new(StringComparer.Ordinal);
    private SerialLogRecord? _lastStats;
    private bool _headerWritten;

    /// <summary>Creates a monitor writing the table to <paramref name="output"/> and warnings to <paramref name="error"/>.</summary>
    public SerialMonitor(TextWriter output, TextWriter error)
    {
        _out = output;
        _err = error;
    }

    /// <summary>Detections seen.</summary>
    public int Detections => _latencies.Count;

    /// <summary>Lines that started a KWS record but could not be parsed.</summary>
    public int Malformed { get; private set; }

    /// <summary>Overrun lines seen.</summary>
    public int Overruns { get; private set; }

    /// <summary>Error lines seen.</summary>
    public int Errors { get; private set; }

    /// <summary>Latency statistics of the detections so far.</summary>
    public LatencySummary Summary => new(_latencies);

    /// <summary>Processes every line of <paramref name="reader"/> until it ends, then writes the summary.</summary>
    public void Run(TextReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            Feed(line);
        }
        WriteSummary();
    }

    /// <summary>Processes one line.</summary>
    public void Feed(string line)
    {
        SerialLogRecord? r;
        try
        {
            r = SerialLogParser.Parse(line);
        }
        catch (FormatException e)
        {
            Malformed++;
            _err.WriteLine("monitor: skipped malformed line: " + e.Message);
            return;
        }
        if (r == null)
        {
            return;
        }
        try
        {
            switch (r.Type)
            {
                case "DET":
                    AddDetection(r);
                    break;
                case "STAT":
                    r.Long("lat_mean_us");
                    _lastStats = r;
                    WriteSummary();
                    break;
                case "OVR":
                    Overruns++;
                    _out.WriteLine($"{Ms(r.Long("t_us")),10}  overrun ({r.Long("overruns")} so far)");
                    break;
                case "ERR":
                    Errors++;
                    _out.WriteLine($"{Ms(r.Long("t_us")),10}  error in {r.Text("where")}: {r.Text("text")}");
                    break;
                case "BOOT":
                    // interval fields arrived with firmware 1.1; older logs lack them
                    string interval = r.Fields.ContainsKey("interval")
                        ? $", inference every {r.Long("interval")} hop(s) ({(r.Fields.TryGetValue("interval_by", out var by) ? by : "config")}"
                          + (r.Fields.ContainsKey("cal_inf_us") ? $", calibrated {r.Long("cal_inf_us")} us per inference" : "") + ")"
                        : "";
                    _out.WriteLine($"boot: board {r.Text("board")}, model {r.Text("model")}, {r.Long("classes")} classes, hop {r.Long("hop_ms")} ms, window {r.Long("window_ms")} ms, chunk {r.Long("chunk_ms")} ms{interval}");
                    break;
            }
        }
        catch (FormatException e)
        {
            Malformed++;
            _err.WriteLine("monitor: skipped malformed line: " + e.Message);
        }
    }

    private void AddDetection(SerialLogRecord r)
    {
        long t = r.Long("t_us");
        string kw = r.Text("kw");
        double score = r.Double("score");
        long lat = r.Long("lat_us"), inf = r.Long("inf_us"), fe = r.Long("fe_us");
        if (!_headerWritten)
        {
            _out.WriteLine($"{"time_s",10}  {"keyword",-10} {"score",6} {"latency_ms",11} {"network_ms",11} {"frontend_ms",12}");
            _headerWritten = true;
        }
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t / 1e6,10:F3}  {kw,-10} {score,6:F3} {lat / 1e3,11:F3} {inf / 1e3,11:F3} {fe / 1e3,12:F3}"));
        _latencies.Add(lat);
        _perKeyword[kw] = _perKeyword.TryGetValue(kw, out var n) ? n + 1 : 1;
    }

    /// <summary>Writes the summary lines.</summary>
    public void WriteSummary()
    {
        var s = Summary;
        _out.WriteLine($"detections: {s.Count}" + (s.Count == 0 ? "" : " (" + string.Join(", ", _perKeyword.Select(kv => $"{kv.Key} {kv.Value}")) + ")"));
        if (s.Count > 0)
        {
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"latency ms: p50 {s.Percentile(50) / 1e3:F3}  p90 {s.Percentile(90) / 1e3:F3}  p99 {s.Percentile(99) / 1e3:F3}  mean {s.Mean / 1e3:F3}  max {s.Max / 1e3:F3}"));
        }
        if (_lastStats != null)
        {
            var st = _lastStats;
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"device at {Ms(st.Long("t_us"))}: inferences {st.Long("inf")}, detections {st.Long("det")}, mean latency {st.Long("lat_mean_us") / 1e3:F3} ms, max {st.Long("lat_max_us") / 1e3:F3} ms, overruns {st.Long("overruns")}, errors {st.Long("errors")}, free {st.Long("free")} bytes"));
        }
    }

    private static string Ms(long us) => (us / 1e6).ToString("F3", CultureInfo.InvariantCulture) + " s";
}
