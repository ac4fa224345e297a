using System.CommandLine;

namespace KwsNano.Cli;

/// <summary>Builds the command tree and runs it with one error policy.</summary>
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
        catch (CliException e)
        {
            console.Error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
    }
}
