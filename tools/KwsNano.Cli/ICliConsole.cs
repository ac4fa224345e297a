namespace KwsNano.Cli;

/// <summary>Where commands write. Tests inject a <see cref="StringCliConsole"/> and assert exact output.</summary>
public interface ICliConsole
{
    /// <summary>Normal output (tables, JSON, results).</summary>
    TextWriter Out { get; }

    /// <summary>Errors, warnings and progress.</summary>
    TextWriter Error { get; }

    /// <summary>True when stderr is not an interactive terminal (no live progress bars then).</summary>
    bool IsErrorRedirected { get; }

    /// <summary>True when normal output is an interactive terminal (live meters rewrite a line in place only there).</summary>
    bool IsOutputTerminal => false;

    /// <summary>True when output may carry ANSI colours (<see cref="ColorPolicy"/>: a terminal, NO_COLOR unset).</summary>
    bool UseColor { get; }
}
