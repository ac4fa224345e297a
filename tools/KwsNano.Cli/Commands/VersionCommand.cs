using System.CommandLine;
using System.Reflection;

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
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
            console.Out.WriteLine($"kwsnano {version.Split('+')[0]} (kwsm format 1.0)");
            return 0;
        });
        return command;
    }
}
