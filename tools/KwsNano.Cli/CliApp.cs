using System.CommandLine;

namespace KwsNano.Cli;

/// <summary>Builds the command tree and runs it with one error policy: every <see cref="KwsNanoException"/> (Core's user errors and <see cref="CliException"/>) is one <c>error:</c> line and exit code 2.</summary>
public static class CliApp
{
    /// <summary>Creates the root command with every verb, writing through <paramref name="console"/>.</summary>
    public static RootCommand CreateRoot(ICliConsole console)
    {
        var root = new RootCommand("kwsnano: convert, inspect, verify and run int8 keyword-spotting models for microcontrollers.");
        foreach (var command in Commands.CommandCatalog.All(console))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, ICliConsole console)
    {
        var root = CreateRoot(console);
        try
        {
            var parse = root.Parse(args);
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (KwsNanoException e)
        {
            // Every expected user error, from the CLI or from KwsNano.Core: one line, no stack trace.
            console.Error.WriteLine("error: " + Describe(e));
            return e is CliException cli ? cli.ExitCode : CliException.UserErrorExitCode;
        }
    }

    /// <summary>The one-line text of a user error: its message, plus the validation rule for a refused model.</summary>
    public static string Describe(KwsNanoException e)
    {
        string text = e is Kwsm.KwsmFormatException k && !e.Message.EndsWith($"[{k.Error}]", StringComparison.Ordinal)
            ? $"{e.Message} [{k.Error}]"
            : e.Message;
        return text.ReplaceLineEndings(" ");
    }
}
