using System.Globalization;

namespace KwsNano.Cli.Rendering;

/// <summary>Renders an <see cref="EvalSummary"/> as the text of <c>kwsnano eval</c>: per-class table and confusion matrix.</summary>
public static class EvalTextRenderer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes the summary.</summary>
    public static void Render(EvalSummary s, TextWriter w)
    {
        var r = s.Result;
        var m = r.Matrix;
        string silenceNote = s.SilenceAsZeros ? "silence clips as digital silence" : "silence clips as recorded";
        w.WriteLine($"model {s.Model}; {s.Frontend}; {s.Engine} engine");
        w.WriteLine(string.Create(Inv, $"{m.Total} clips, {r.Workers} workers, {r.Elapsed.TotalSeconds:F1} s, {r.ClipsPerSecond:F1} clips/s; {silenceNote}"));
        w.WriteLine();
        int width = Math.Max(7, m.Labels.Max(l => l.Length));
        w.WriteLine($"{"class".PadRight(width)}  clips  correct  accuracy");
        for (int i = 0; i < m.Labels.Count; i++)
        {
            int n = m.RowTotal(i);
            if (n == 0)
            {
                continue;
            }
            w.WriteLine(string.Create(Inv, $"{m.Labels[i].PadRight(width)}  {n,5}  {m[i, i],7}  {100 * m.ClassAccuracy(i)!.Value,7:F2}%"));
        }
        w.WriteLine(string.Create(Inv, $"{"overall".PadRight(width)}  {m.Total,5}  {m.Correct,7}  {100 * m.Accuracy,7:F2}%"));
        w.WriteLine();
        w.WriteLine("confusion matrix (rows: true class, columns: predicted)");
        w.Write(m.ToTextTable());
    }
}
