namespace KwsNano.Conversion;

/// <summary>Parses a <c>--labels</c> value: a comma-separated list, or the path of a file with one label per line (or comma-separated).</summary>
public static class LabelList
{
    /// <summary>The labels in <paramref name="value"/>; blank entries are dropped and entries trimmed.</summary>
    public static IReadOnlyList<string> Parse(string value)
    {
        string text = File.Exists(value) ? File.ReadAllText(value) : value;
        char[] separators = text.Contains('\n') ? new[] { '\n', '\r' } : new[] { ',' };
        return text.Split(separators).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
    }
}
