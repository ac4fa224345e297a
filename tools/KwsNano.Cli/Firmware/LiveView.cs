using System.Globalization;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// The live view of <c>run</c> and <c>listen</c>: every serial line as the firmware writes it (detections
/// highlighted), every GPIO edge as it happens, the stream's interval when the board boots, each inference's top
/// scores (<see cref="MeterMode"/>: a meter rewritten in place on a terminal, or one line per inference), and one
/// summary at the end or after Ctrl-C: audio time, inferences, detections per keyword, latency, load, GPIO edges per pin.
/// </summary>
/// <param name="output">Where the view is written.</param>
/// <param name="color">ANSI colours (<see cref="ColorPolicy"/>).</param>
/// <param name="meter">Decodes and formats the scores (null: no meter).</param>
/// <param name="mode">Live or Lines (Auto is resolved by the caller; Off or Auto here: no meter).</param>
public sealed class LiveView(TextWriter output, bool color = false, ScoreMeter? meter = null, MeterMode mode = MeterMode.Off)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(50);
    private readonly SortedDictionary<string, int> _perKeyword = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, (int High, int Low, bool Last)> _pins = new();
    private readonly System.Diagnostics.Stopwatch _sinceDraw = new(); // started by the first draw
    private long _interval = 1, _hopUs, _infSum, _feSum, _dets;
    private long _hopsSeen, _hopNetSum, _hopFeSum;
    private string? _meterText;
    private int _meterShown;

    /// <summary>One inference's scores (shown by the meter, and counted for the load).</summary>
    public void Inference(InferenceScores s)
    {
        _hopsSeen++;
        _hopNetSum += s.NetworkUs;
        _hopFeSum += s.FrontendUs;
        if (meter == null)
        {
            return;
        }
        if (mode == MeterMode.Lines)
        {
            output.WriteLine(meter.Line(s, _hopsSeen));
            output.Flush();
        }
        else if (mode == MeterMode.Live)
        {
            _meterText = meter.Live(s, _interval, _hopUs, Load(_hopNetSum, _hopFeSum, _hopsSeen));
            if (!_sinceDraw.IsRunning || _sinceDraw.Elapsed >= RedrawEvery)
            {
                DrawMeter();
            }
        }
    }

    private void DrawMeter()
    {
        if (_meterText == null)
        {
            return;
        }
        output.Write("\r" + _meterText + new string(' ', Math.Max(0, _meterShown - _meterText.Length)));
        _meterShown = _meterText.Length;
        output.Flush();
        _sinceDraw.Restart();
    }

    private void ClearMeter()
    {
        if (_meterShown > 0)
        {
            output.Write("\r" + new string(' ', _meterShown) + "\r");
            _meterShown = 0;
        }
    }

    private void Print(string line)
    {
        ClearMeter();
        output.WriteLine(line);
        DrawMeter();
        output.Flush();
    }

    private double? Load(long netSum, long feSum, long n) =>
        // One inference every interval hops plus one front-end frame per hop, over the hop time they share.
        n > 0 && _hopUs > 0 ? (netSum / (double)n + _interval * (feSum / (double)n)) / (_interval * _hopUs) : null;

    /// <summary>One serial line.</summary>
    public void Line(string line)
    {
        SerialLogRecord? r = null;
        try
        {
            r = SerialLogParser.Parse(line);
        }
        catch (FormatException)
        {
            // shown as it is; monitor reports malformed lines
        }
        string shown = r?.Type switch
        {
            "DET" => ColorPolicy.Paint(line, "1;32", color),
            "ERR" or "OVR" => ColorPolicy.Paint(line, "31", color),
            _ => line,
        };
        Print(shown);
        try
        {
            if (r?.Type == "BOOT" && r.Fields.ContainsKey("hop_ms"))
            {
                _hopUs = r.Long("hop_ms") * 1000;
                _interval = r.Fields.ContainsKey("interval") ? Math.Max(1, r.Long("interval")) : 1;
                Print($"stream: network every {_interval} hop(s) of {_hopUs / 1000} ms");
            }
            else if (r?.Type == "DET")
            {
                string kw = r.Text("kw");
                _perKeyword[kw] = _perKeyword.TryGetValue(kw, out int n) ? n + 1 : 1;
                _infSum += r.Long("inf_us");
                _feSum += r.Long("fe_us");
                _dets++;
            }
        }
        catch (FormatException)
        {
        }
    }

    /// <summary>One GPIO edge.</summary>
    public void Edge(PinTransition t)
    {
        Print(ColorPolicy.Paint($"GPIO {t.Pin} {(t.High ? "high" : "low")} at {(t.TimeUs / 1e6).ToString("F6", Inv)} s", "33", color));
        (int High, int Low, bool Last) p = _pins.TryGetValue(t.Pin, out var v) ? v : (0, 0, false);
        _pins[t.Pin] = t.High ? (p.High + 1, p.Low, true) : (p.High, p.Low + 1, false);
    }

    /// <summary>The closing summary (<paramref name="interrupted"/>: after Ctrl-C).</summary>
    public void Summary(VirtualBoardRunner.Result r, bool interrupted)
    {
        ClearMeter();
        var s = r.Stats;
        double audioS = Math.Max(0, r.EndUs - r.AudioLeadInUs) / 1e6;
        output.WriteLine(string.Create(Inv, $"summary{(interrupted ? " (interrupted)" : "")}: {audioS:F2} s of audio, {s.Inferences} inferences, {s.Detections} detections")
            + (_perKeyword.Count == 0 ? "" : " (" + string.Join(", ", _perKeyword.Select(kv => $"{kv.Key} {kv.Value}")) + ")")
            + string.Create(Inv, $", latency mean {s.MeanLatencyUs / 1e3:F1} ms max {s.MaxLatencyUs / 1e3:F1} ms, overruns {s.Overruns}, errors {s.Errors}, dropped frames {r.DroppedFrames}"));
        // Every inference's times when the board reported them, else the detections' (the serial log's only times).
        var (net, fe, n, over) = _hopsSeen > 0 ? (_hopNetSum, _hopFeSum, _hopsSeen, "inferences") : (_infSum, _feSum, _dets, "detections");
        if (Load(net, fe, n) is double load)
        {
            output.WriteLine(string.Create(Inv, $"load: {100 * load:F1}% of real time (network {net / (double)n / 1e3:F2} ms every {_interval} hop(s), front-end {fe / (double)n / 1e3:F2} ms per hop, mean over {n} {over})"));
        }
        output.WriteLine(_pins.Count == 0
            ? "gpio: no changes"
            : "gpio: " + string.Join(", ", _pins.Select(kv => $"pin {kv.Key} {kv.Value.High} high / {kv.Value.Low} low, ends {(kv.Value.Last ? "high" : "low")}")));
        output.Flush();
    }
}
