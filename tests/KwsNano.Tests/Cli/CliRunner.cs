using KwsNano.Cli;

namespace KwsNano.Tests.Cli;

/// <summary>Runs the CLI in-process with a string console.</summary>
public static class CliRunner
{
    /// <summary>Exit code, stdout and stderr of <c>kwsnano args...</c>.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var console = new StringCliConsole();
        int code = CliApp.Run(args, console);
        return (code, console.OutText, console.ErrorText);
    }
}
