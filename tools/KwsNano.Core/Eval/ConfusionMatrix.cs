using System.Text;

namespace KwsNano.Eval;

/// <summary>Counts of (true class, predicted class) over a labelled set. Not thread-safe; merge per worker.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[,] _counts;

    /// <summary>Creates an empty matrix over <paramref name="labels"/> (the model's label order).</summary>
    public ConfusionMatrix(IReadOnlyList<string> labels)
    {
        Labels = labels;
        _counts = new int[labels.Count, labels.Count];
    }

    /// <summary>Class names, row/column order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Clips counted with true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int this[int actual, int predicted] => _counts[actual, predicted];

    /// <summary>Counts one clip.</summary>
    public void Add(int actual, int predicted) => _counts[actual, predicted]++;

    /// <summary>Adds every count of <paramref name="other"/> (same labels).</summary>
    public void Merge(ConfusionMatrix other)
    {
        for (int a = 0; a < Labels.Count; a++)
        {
            for (int p = 0; p < Labels.Count; p++)
            {
                _counts[a, p] += other._counts[a, p];
            }
        }
    }

    /// <summary>Clips whose true class is <paramref name="actual"/>.</summary>
    public int RowTotal(int actual) => Enumerable.Range(0, Labels.Count).Sum(p => _counts[actual, p]);

    /// <summary>All clips counted.</summary>
    public int Total => Enumerable.Range(0, Labels.Count).Sum(RowTotal);

    /// <summary>Correct predictions.</summary>
    public int Correct => Enumerable.Range(0, Labels.Count).Sum(i => _counts[i, i]);

    /// <summary>Top-1 accuracy over all clips (0 when empty).</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Accuracy of class <paramref name="actual"/>, or null when it has no clips.</summary>
    public double? ClassAccuracy(int actual)
    {
        int n = RowTotal(actual);
        return n == 0 ? null : (double)_counts[actual, actual] / n;
    }

    /// <summary>The matrix as a fixed-width text table: rows = true class, columns = predicted.</summary>
    public string ToTextTable()
    {
        int width = Math.Max(5, Labels.Max(l => l.Length));
        int cell = Math.Max(4, Total.ToString().Length + 1);
        var sb = new StringBuilder();
        sb.Append("true \\ predicted".PadRight(width + 2));
        for (int p = 0; p < Labels.Count; p++)
        {
            sb.Append(' ').Append(Abbrev(Labels[p], cell).PadLeft(cell));
        }
        sb.Append('\n');
        for (int a = 0; a < Labels.Count; a++)
        {
            sb.Append(Labels[a].PadRight(width + 2));
            for (int p = 0; p < Labels.Count; p++)
            {
                sb.Append(' ').Append(_counts[a, p].ToString().PadLeft(cell));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Abbrev(string label, int max) => label.Length <= max ? label : label[..max];
}
