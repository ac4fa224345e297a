using System.CommandLine;
using KwsNano.Cli.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano listen --model M</c>: the firmware on the virtual board fed with raw 16 kHz 16-bit mono PCM from
/// stdin, e.g. <c>arecord -f S16_LE -r 16000 -c 1 -t raw | kwsnano listen --model ds_cnn_s.kwsm</c>.
/// </summary>
public static class ListenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var shared = new VirtualBoardCommandOptions();
        var command = new Command("listen", "Run the firmware on the virtual board with raw 16 kHz S16_LE mono PCM from stdin (arecord -f S16_LE -r 16000 -c 1 -t raw | kwsnano listen ...).");
        shared.AddTo(command);
        command.SetAction(parse => shared.Execute(parse, AudioFeed.FromPcm16Stream(Console.OpenStandardInput()), console));
        return command;
    }
}
