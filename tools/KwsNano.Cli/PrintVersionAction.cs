using System.CommandLine;
using System.CommandLine.Invocation;

namespace KwsNano.Cli;

/// <summary>The root's <c>--version</c>: prints <see cref="ToolVersion.Line"/> through the injected console.</summary>
public sealed class PrintVersionAction(ICliConsole console) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        console.Out.WriteLine(ToolVersion.Line);
        return ExitCodes.Success;
    }
}
