namespace KwsNano.Cli;

/// <summary>When the tool colours its output: never with NO_COLOR set to any non-empty value (no-color.org), never into a pipe or file, never on TERM=dumb.</summary>
public static class ColorPolicy
{
    /// <summary>True when colour is allowed.</summary>
    public static bool Enabled(string? noColor, bool outputRedirected, string? term) =>
        string.IsNullOrEmpty(noColor) && !outputRedirected && term != "dumb";

    /// <summary><paramref name="text"/> in ANSI colour <paramref name="sgr"/> (e.g. "32" green) when <paramref name="color"/>, else unchanged.</summary>
    public static string Paint(string text, string sgr, bool color) => color ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
}
