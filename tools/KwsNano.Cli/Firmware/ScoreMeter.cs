using System.Globalization;
using KwsNano.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// The top-k scores of one inference, decoded as the firmware decodes them (<see cref="ScoreDecoder"/>: a softmax output
/// dequantised, logits through a softmax), formatted for the live view: as a line, or as a compact meter with a bar.
/// </summary>
public sealed class ScoreMeter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly string[] _labels;
    private readonly ScoreDecoder _decoder;
    private readonly int _top;

    /// <summary>Bar width of the live meter, in characters.</summary>
    public const int BarWidth = 10;

    /// <summary>A meter for a model with <paramref name="labels"/> and its output quantisation, showing the <paramref name="top"/> best classes.</summary>
    public ScoreMeter(string[] labels, float outputScale, int outputZeroPoint, bool outputIsSoftmax, int top)
    {
        _labels = labels;
        _decoder = new ScoreDecoder(labels.Length, outputScale, outputZeroPoint, outputIsSoftmax);
        _top = Math.Clamp(top, 1, labels.Length);
    }

    /// <summary>The best classes of <paramref name="scores"/>, highest probability first (ties: lower class index first).</summary>
    public IReadOnlyList<(string Label, float Probability)> Top(sbyte[] scores)
    {
        float[] p = _decoder.Decode(scores, 0);
        return Enumerable.Range(0, p.Length).OrderByDescending(c => p[c]).ThenBy(c => c).Take(_top).Select(c => (_labels[c], p[c])).ToList();
    }

    /// <summary>
    /// One line per inference, numbered from 1 (one native call can run two inferences, so the count, not the time, tells
    /// them apart): <c>inference 12: yes 0.912, no 0.051, _unknown_ 0.020</c>.
    /// </summary>
    public string Line(InferenceScores s, long number) =>
        $"inference {number}: " + string.Join(", ", Top(s.Scores).Select(t => $"{t.Label} {t.Probability.ToString("F3", Inv)}"));

    /// <summary>The live meter: <c>[#########.] yes 0.912  no 0.051 | 1.240 s, every 1 hop(s) of 20 ms, load 12.5%</c>.</summary>
    public string Live(InferenceScores s, long interval, long hopUs, double? load)
    {
        var top = Top(s.Scores);
        int filled = (int)Math.Round(top[0].Probability * BarWidth);
        string bar = "[" + new string('#', filled) + new string('.', BarWidth - filled) + "]";
        string stream = hopUs > 0 ? $", every {interval} hop(s) of {hopUs / 1000} ms" : "";
        string loadText = load is double l ? ", load " + (100 * l).ToString("F1", Inv) + "%" : "";
        return $"{bar} " + string.Join("  ", top.Select(t => $"{t.Label} {t.Probability.ToString("F3", Inv)}"))
            + $" | {(s.TimeUs / 1e6).ToString("F3", Inv)} s{stream}{loadText}";
    }
}
