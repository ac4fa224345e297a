using System.Globalization;
using KwsNano.Cli.Firmware;
using KwsNano.Firmware;

namespace KwsNano.Cli.Tuning;

/// <summary>
/// The action configuration file of <c>tune --write-config</c>: the recommended detector settings in the format
/// the firmware and the virtual board read (<see cref="ActionConfigParser"/>, docs/serial-log.md), with the measured
/// figures as comments and the ESP32 DevKitC default actions for the model's keywords. The text is parsed back and
/// checked against the model before it is written.
/// </summary>
public static class TuneConfigWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The file's text for <paramref name="best"/> of <paramref name="report"/>, for a model with
    /// <paramref name="labels"/> and <paramref name="frames"/> frames. Throws <see cref="CliException"/> naming
    /// <paramref name="where"/> when the result would not load on the device.
    /// </summary>
    public static string Text(TuneReport report, TuneRow best, IReadOnlyList<string> labels, int frames, string where)
    {
        var lines = new List<string>
        {
            "# KwsNano action configuration written by kwsnano tune (format: docs/serial-log.md)",
            $"# model {report.Model}",
            string.Create(Inv, $"# measured: detection {100 * best.DetectionRate:F1}% ({best.Hits}/{best.Clips} keyword clips), {best.Wrong} wrong, {best.False} false in {report.Background.Seconds:F1} s of background = {best.FalsePerHour:F1} per hour (limit {report.Limit})"),
            $"threshold {best.Threshold.ToString(Inv)}",
            $"smoothing {best.Smoothing}",
            $"refractory_ms {report.RefractoryMs}",
            $"release {report.Release.ToString(Inv)}",
            $"stats_ms {ActionConfig.DefaultStatsIntervalMs}",
        };
        if (report.Interval == 1)
        {
            lines.Add("# measured with the network on every hop; auto lets the board choose the interval it keeps up with (tune --interval N for its N)");
            lines.Add("interval auto");
        }
        else
        {
            lines.Add($"interval {report.Interval}");
        }
        var kept = new List<string>();
        foreach (string line in DefaultActionConfig.Text.Split('\n'))
        {
            var t = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (t.Length > 1 && t[0] == "on" && labels.Contains(t[1]))
            {
                kept.Add(line);
            }
        }
        if (kept.Count > 0)
        {
            lines.Add("# actions: the ESP32 DevKitC defaults for this model's keywords; change the pins for your board");
            lines.AddRange(kept);
        }
        string text = string.Join("\n", lines) + "\n";
        ActionConfig config;
        try
        {
            config = ActionConfigParser.Parse(text);
        }
        catch (ConfigException e)
        {
            throw new CliException($"{where}: the configuration would not load: {e.Message}", inner: e);
        }
        ModelSettingsCheck.Check(config, labels, frames, where);
        return text;
    }
}
