using System.CommandLine;
using KwsNano.Cli.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano run --wav FILE --model M [--config actions.cfg]</c>: the firmware on the virtual board, fed from a WAV file.</summary>
public static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var wav = new Option<string>("--wav") { Description = "16 kHz 16-bit PCM WAV file played into the virtual microphone", Required = true };
        var shared = new VirtualBoardCommandOptions();
        var command = new Command("run", "Run the nanoFramework firmware on the virtual board with audio from a WAV file; prints the serial log and GPIO changes.");
        command.Options.Add(wav);
        shared.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(wav)!;
            var audio = AudioFeed.FromWav(path); // Core's WAV reader: its errors name the file
            return shared.Execute(parse, audio, console);
        });
        return command;
    }
}
