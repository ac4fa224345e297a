using System.Globalization;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// The live view of <c>run</c> and <c>listen</c>: every serial line as the firmware writes it (detections
/// highlighted), every GPIO edge as it happens, the stream's interval when the board boots, and one summary at the
/// end or after Ctrl-C: audio time, inferences, detections per keyword, latency, load, GPIO edges per pin.
/// </summary>
public sealed class LiveView(TextWriter output, bool color = false)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly SortedDictionary<string, int> _perKeyword = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, (int High, int Low, bool Last)> _pins = new();
    private long _interval = 1, _hopUs, _infSum, _feSum, _dets;

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
        output.WriteLine(shown);
        try
        {
            if (r?.Type == "BOOT" && r.Fields.ContainsKey("hop_ms"))
            {
                _hopUs = r.Long("hop_ms") * 1000;
                _interval = r.Fields.ContainsKey("interval") ? Math.Max(1, r.Long("interval")) : 1;
                output.WriteLine($"stream: network every {_interval} hop(s) of {_hopUs / 1000} ms");
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
        output.Flush();
    }

    /// <summary>One GPIO edge.</summary>
    public void Edge(PinTransition t)
    {
        output.WriteLine(ColorPolicy.Paint($"GPIO {t.Pin} {(t.High ? "high" : "low")} at {(t.TimeUs / 1e6).ToString("F6", Inv)} s", "33", color));
        (int High, int Low, bool Last) p = _pins.TryGetValue(t.Pin, out var v) ? v : (0, 0, false);
        _pins[t.Pin] = t.High ? (p.High + 1, p.Low, true) : (p.High, p.Low + 1, false);
        output.Flush();
    }

    /// <summary>The closing summary (<paramref name="interrupted"/>: after Ctrl-C).</summary>
    public void Summary(VirtualBoardRunner.Result r, bool interrupted)
    {
        var s = r.Stats;
        double audioS = Math.Max(0, r.EndUs - r.AudioLeadInUs) / 1e6;
        output.WriteLine(string.Create(Inv, $"summary{(interrupted ? " (interrupted)" : "")}: {audioS:F2} s of audio, {s.Inferences} inferences, {s.Detections} detections")
            + (_perKeyword.Count == 0 ? "" : " (" + string.Join(", ", _perKeyword.Select(kv => $"{kv.Key} {kv.Value}")) + ")")
            + string.Create(Inv, $", latency mean {s.MeanLatencyUs / 1e3:F1} ms max {s.MaxLatencyUs / 1e3:F1} ms, overruns {s.Overruns}, errors {s.Errors}, dropped frames {r.DroppedFrames}"));
        if (_dets > 0 && _hopUs > 0)
        {
            // One inference every interval hops plus one front-end frame per hop, over the hop time they share.
            double load = (_infSum / (double)_dets + _interval * (_feSum / (double)_dets)) / (_interval * _hopUs);
            output.WriteLine(string.Create(Inv, $"load: {100 * load:F1}% of real time (network {_infSum / (double)_dets / 1e3:F2} ms every {_interval} hop(s), front-end {_feSum / (double)_dets / 1e3:F2} ms per hop)"));
        }
        output.WriteLine(_pins.Count == 0
            ? "gpio: no changes"
            : "gpio: " + string.Join(", ", _pins.Select(kv => $"pin {kv.Key} {kv.Value.High} high / {kv.Value.Low} low, ends {(kv.Value.Last ? "high" : "low")}")));
        output.Flush();
    }
}
