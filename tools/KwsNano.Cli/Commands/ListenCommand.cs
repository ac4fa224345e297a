using System.CommandLine;
using KwsNano.Cli.Input;
using KwsNano.Cli.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano listen -m MODEL</c>: the firmware on the virtual board fed from stdin: raw 16 kHz 16-bit mono PCM, or a
/// WAV stream (header detected; other rates and channel counts converted), e.g.
/// <c>arecord -f S16_LE -r 16000 -c 1 -t raw | kwsnano listen -m ds_cnn_s</c>. Ctrl-C stops it with the summary.
/// </summary>
public static class ListenCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console) => Create(console, Console.OpenStandardInput);

    /// <summary>Creates the command reading audio from <paramref name="input"/> (tests pass a memory stream).</summary>
    public static Command Create(ICliConsole console, Func<Stream> input)
    {
        var shared = new VirtualBoardCommandOptions();
        var command = new Command("listen", "Run the firmware on the virtual board with audio from stdin: raw 16 kHz S16_LE mono PCM (arecord -f S16_LE -r 16000 -c 1 -t raw | kwsnano listen ...) or a WAV stream of any rate (converted to 16 kHz mono).");
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            using var ctrlC = CtrlC.Watch();
            return shared.Execute(parse, () => AudioFeed.FromPcm16Stream(StdinAudio.Open(input(), StdinAudio.BoardRate, console.Error)), console, ctrlC.Token);
        });
        return command;
    }
}
