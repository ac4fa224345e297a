using System.CommandLine;

namespace KwsNano.Cli.Commands;

/// <summary>The list of verbs. Add one line per command; each command lives in its own file.</summary>
public static class CommandCatalog
{
    /// <summary>Every top-level command.</summary>
    public static IEnumerable<Command> All(ICliConsole console)
    {
        yield return VersionCommand.Create(console);
        yield return BenchCommand.Create(console);
        yield return VectorsCommand.Create(console);
    }
}
