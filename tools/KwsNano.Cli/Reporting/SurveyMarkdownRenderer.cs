using System.Globalization;
using System.Text;

namespace KwsNano.Cli.Reporting;

/// <summary>The survey table of a <see cref="SurveyReport"/> as Markdown.</summary>
public static class SurveyMarkdownRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Markdown: a header line on the method, then the table, then the notes.</summary>
    public static string Render(SurveyReport report)
    {
        var sb = new StringBuilder();
        string core = report.Cpu == null ? "-" : "Cortex-" + (report.Cpu == "m0plus" ? "M0+" : report.Cpu.ToUpperInvariant());
        string clock = report.ClockMhz.ToString("0.###", Inv);
        sb.Append("| model | family | size | params | MACs | float32 KB | int8 .tflite KB | .kwsm KB | .kwsm smaller | top-1 | published | ")
          .Append(core).Append(" instructions | ms @ ").Append(clock).Append(" MHz | arena KB | stream RAM KB |\n");
        sb.Append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
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
              .Append(" | ").Append(r.PublishedPercent is { } p ? p.ToString("0.0#", Inv) + "%" : "-")
              .Append(" | ").Append(r.Instructions is { } i ? i.ToString("N0", Inv) : "-")
              .Append(" | ").Append(r.Milliseconds is { } ms ? ms.ToString("F2", Inv) : "-")
              .Append(" | ").Append(Kb(r.ArenaBytes))
              .Append(" | ").Append(r.StreamBytes is { } s ? Kb(s) : "-")
              .Append(" |\n");
        }
        sb.Append('\n').Append(report.Method).Append('\n');
        if (report.EngineCodeBytes is { } code)
        {
            sb.Append("Engine code in flash (").Append(core).Append("): ").Append(Kb(code)).Append(" KB, shared by every model.\n");
        }
        return sb.ToString();
    }

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("F1", Inv);
}
