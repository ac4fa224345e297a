using System.CommandLine;

namespace KwsNano.Cli.Commands;

/// <summary>The list of verbs. Add one line per command; each command lives in its own file.</summary>
public static class CommandCatalog
{
    /// <summary>Every top-level command.</summary>
    public static IEnumerable<Command> All(ICliConsole console)
    {
        yield return VersionCommand.Create(console);
        yield return ConvertCommand.Create(console);
        yield return InspectCommand.Create(console);
        yield return VerifyCommand.Create(console);
        yield return ModelsCommand.Create(console);
        yield return CorruptCommand.Create(console);
        yield return BenchCommand.Create(console);
        yield return VectorsCommand.Create(console);
        yield return ClassifyCommand.Create(console);
        yield return EvalCommand.Create(console);
        yield return FeaturesCommand.Create(console);
        yield return RunCommand.Create(console);
        yield return ListenCommand.Create(console);
        yield return MonitorCommand.Create(console);
        yield return FlashCommand.Create(console);
        yield return TuneCommand.Create(console);
        yield return ReportCommand.Create(console);
    }
}
