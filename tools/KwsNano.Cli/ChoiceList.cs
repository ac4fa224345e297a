using System.CommandLine;

namespace KwsNano.Cli;

/// <summary>Fixed-choice options: their values are listed in help and completion, and anything else is a usage error (exit 2).</summary>
public static class ChoiceList
{
    /// <summary>The --engine values of classify, eval, features and tune.</summary>
    public static readonly string[] Engines = ["auto", "native", "interpreter"];

    /// <summary>Restricts <paramref name="option"/> to <paramref name="values"/> (case-insensitive, as the commands compare them) and returns it.</summary>
    public static Option<T> Of<T>(Option<T> option, IEnumerable<string> values)
    {
        option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, values.ToArray());
        return option;
    }
}
