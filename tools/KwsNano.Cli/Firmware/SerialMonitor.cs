namespace KwsNano.Cli.Firmware;

/// <summary>
/// The decisions of <c>kwsnano monitor</c>, free of ports and consoles: classifies each serial line (a KwsNano record,
/// a malformed record, or another line), keeps detections, per-keyword counts, the last STAT line and the line counts,
/// passes each record to the live view, and reports malformed lines (with their line number) and the first line that
/// is not a KwsNano record on <c>notes</c>.
/// </summary>
public sealed class SerialMonitor
{
    private readonly IMonitorView _view;
    private readonly TextWriter _notes;
    private readonly List<long> _latencies = [];
    private readonly SortedDictionary<string, int> _perKeyword = new(StringComparer.Ordinal);
    private DeviceStats? _device;

    /// <summary>Creates a monitor showing records on <paramref name="view"/> and writing warnings to <paramref name="notes"/>.</summary>
    public SerialMonitor(IMonitorView view, TextWriter notes)
    {
        _view = view;
        _notes = notes;
    }

    /// <summary>Lines fed (blank lines not counted).</summary>
    public long Lines { get; private set; }

    /// <summary>Well-formed KwsNano records.</summary>
    public long Records { get; private set; }

    /// <summary>Lines without a KwsNano record.</summary>
    public long OtherLines { get; private set; }

    /// <summary>KwsNano records that could not be parsed.</summary>
    public long Malformed { get; private set; }

    /// <summary>Detections seen.</summary>
    public int Detections => _latencies.Count;

    /// <summary>BOOT lines seen.</summary>
    public int Boots { get; private set; }

    /// <summary>Times the port came back after vanishing.</summary>
    public int Reconnects { get; set; }

    /// <summary>Overrun lines seen.</summary>
    public int Overruns { get; private set; }

    /// <summary>Error lines seen.</summary>
    public int Errors { get; private set; }

    /// <summary>Latency statistics of the detections so far.</summary>
    public LatencySummary Latency => new(_latencies);

    /// <summary>Processes one line (without its line end); blank lines are not counted.</summary>
    public void Feed(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }
        Lines++;
        SerialLogRecord? r;
        try
        {
            r = SerialLogParser.Parse(line);
            if (r == null)
            {
                OtherLines++;
                if (OtherLines == 1)
                {
                    _notes.WriteLine($"monitor: line {Lines} is not a KwsNano record (ignored; such lines are counted in the summary): {Shorten(line)}");
                }
                return;
            }
            Show(r);
            Records++;
        }
        catch (FormatException e)
        {
            Malformed++;
            _notes.WriteLine($"monitor: line {Lines}: skipped malformed line: {e.Message}");
        }
    }

    private void Show(SerialLogRecord r)
    {
        switch (r.Type)
        {
            case "DET":
                var d = new MonitorDetection(r.Long("t_us"), r.Text("kw"), r.Double("score"), r.Long("lat_us"), r.Long("inf_us"), r.Long("fe_us"));
                _latencies.Add(d.LatencyUs);
                _perKeyword[d.Keyword] = _perKeyword.TryGetValue(d.Keyword, out var n) ? n + 1 : 1;
                _view.Detection(d);
                break;
            case "STAT":
                _device = DeviceStats.From(r);
                _view.Stats(r);
                break;
            case "OVR":
                r.Long("t_us");
                r.Long("overruns");
                Overruns++;
                _view.Overrun(r);
                break;
            case "ERR":
                r.Long("t_us");
                r.Text("where");
                r.Text("text");
                Errors++;
                _view.Error(r);
                break;
            case "BOOT":
                _view.Boot(r, Boots + 1); // throws on a malformed field before anything is counted
                Boots++;
                break;
        }
    }

    /// <summary>The summary so far.</summary>
    public MonitorSummary Summary(string source, bool interrupted) =>
        new(source, Lines, Records, OtherLines, Malformed, Boots, Reconnects, _perKeyword.ToList(), Latency, Overruns, Errors, _device, interrupted);

    private static string Shorten(string line)
    {
        // Noise at a wrong baud rate is binary: show it escaped and short.
        var clean = new string(line.Select(c => c < ' ' || c == '\u007f' || c == '\ufffd' ? '?' : c).ToArray());
        return clean.Length > 80 ? clean[..80] + "..." : clean;
    }
}
