namespace KwsNano.Cli.Firmware;

/// <summary>Runs one nanoff command line (the real tool, or a recorder in tests).</summary>
public interface INanoff
{
    /// <summary>Runs nanoff with <paramref name="args"/>, its output going to <paramref name="console"/>; returns its exit code.</summary>
    /// <exception cref="CliException">nanoff is not installed.</exception>
    int Run(IReadOnlyList<string> args, ICliConsole console);
}
