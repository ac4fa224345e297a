using System.Globalization;
using System.Text;

namespace KwsNano.Cli.Reporting;

/// <summary>The survey table of a <see cref="SurveyReport"/> as Markdown.</summary>
public static class SurveyMarkdownRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Markdown: the table (two columns per benchmarked core), then the method and per-core notes.</summary>
    public static string Render(SurveyReport report)
    {
        var sb = new StringBuilder();
        sb.Append("| model | family | size | params | MACs | float32 KB | int8 .tflite KB | .kwsm KB | .kwsm smaller | top-1 | published |");
        foreach (var t in report.Targets)
        {
            sb.Append(' ').Append(t.Name).Append(" instructions | ").Append(t.Name).Append(" ms |");
        }
        sb.Append(" arena KB | stream RAM KB |\n");
        sb.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|").Append(string.Concat(report.Targets.Select(_ => "---:|---:|"))).Append("---:|---:|\n");
        foreach (var r in report.Rows)
        {
            sb.Append("| ").Append(r.Model)
              .Append(" | ").Append(r.Family)
              .Append(" | ").Append(r.SizeClass)
              .Append(" | ").Append(r.Parameters.ToString("N0", Inv))
              .Append(" | ").Append(r.Macs.ToString("N0", Inv))
              .Append(" | ").Append(Kb(r.Float32Bytes))
              .Append(" | ").Append(Kb(r.TfliteBytes))
              .Append(" | ").Append(Kb(r.KwsmBytes))
              .Append(" | ").Append(r.KwsmSmallerPercent.ToString("F1", Inv)).Append('%')
              .Append(" | ").Append(r.Top1Percent is { } t ? t.ToString("F2", Inv) + "%" : "-")
              .Append(" | ").Append(r.PublishedPercent is { } p ? p.ToString("0.0#", Inv) + "%" : "-");
            foreach (var target in report.Targets)
            {
                var b = r.Bench.FirstOrDefault(x => x.Cpu == target.Cpu);
                sb.Append(" | ").Append(b == null ? "-" : b.Instructions.ToString("N0", Inv))
                  .Append(" | ").Append(b == null ? "-" : b.Milliseconds.ToString("F2", Inv));
            }
            sb.Append(" | ").Append(Kb(r.ArenaBytes))
              .Append(" | ").Append(r.StreamBytes is { } s ? Kb(s) : "-")
              .Append(" |\n");
        }
        sb.Append('\n').Append(report.Method).Append('\n');
        foreach (var t in report.Targets)
        {
            sb.Append(t.Name).Append(": ").Append(t.Clock.Describe()).Append(" Engine code in flash: ")
              .Append(Kb(t.EngineCodeBytes)).Append(" KB, shared by every model.\n");
        }
        return sb.ToString();
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("F1", Inv);
}
