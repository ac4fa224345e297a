using System.CommandLine;

namespace KwsNano.Cli;

/// <summary>
/// Builds the command tree and runs it with one error policy: every <see cref="KwsNanoException"/> (Core's user
/// errors and <see cref="CliException"/>) and every usage error is one <c>error:</c> line and exit code
/// <see cref="ExitCodes.UserError"/>.
/// </summary>
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
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersionAction(console); // the same line as 'kwsnano version'
        }
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, ICliConsole console) => Run(args, console, CreateRoot(console));

    /// <summary>Parses and runs <paramref name="args"/> on <paramref name="root"/> (tests pass commands built on their own inputs) with the same error policy.</summary>
    public static int Run(string[] args, ICliConsole console, RootCommand root)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                // Usage errors are user errors too: one error line each, the help hint, exit 2 (not the library's 1).
                string verb = parse.CommandResult.Command == root ? "kwsnano" : "kwsnano " + parse.CommandResult.Command.Name;
                for (int i = 0; i < parse.Errors.Count; i++)
                {
                    string hint = i == parse.Errors.Count - 1 ? $" (see '{verb} --help')" : "";
                    console.Error.WriteLine("error: " + parse.Errors[i].Message.ReplaceLineEndings(" ") + hint);
                }
                return ExitCodes.UserError;
            }
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
