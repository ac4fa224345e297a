using System.CommandLine;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano version</c>: tool and format versions.</summary>
public static class VersionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var command = new Command("version", "Print the tool version and the .kwsm format version it writes.");
        command.SetAction(_ =>
        {
            console.Out.WriteLine(ToolVersion.Line);
            return ExitCodes.Success;
        });
        return command;
    }
}
