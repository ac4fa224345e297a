using KwsNano.Firmware;
using nanoFramework.Runtime.Native;

namespace KwsNano.App.Esp32
{
    /// <summary>
    /// ESP32-family entry point (ESP32, ESP32-S3): picks the board profile from the firmware target name and runs the
    /// app with the managed I2S microphone.
    /// </summary>
    public class Program
    {
        /// <summary>Runs the keyword spotter forever.</summary>
        public static void Main()
        {
            ConsoleLineWriter serial = new ConsoleLineWriter();
            BoardProfile board = BoardProfile.ForApp(SystemInfo.TargetName, MicrophoneKind.ManagedI2s, serial);
            CreateApp(board, board.DefaultActions, serial).Run();
        }

        /// <summary>The app for an ESP32-family <paramref name="board"/>, with its I2S microphone.</summary>
        public static KwsApp CreateApp(BoardProfile board, string configText, ILineWriter output)
        {
            return KwsApp.CreateForBoard(board, new I2sMicrophone(board), configText, output);
        }
    }
}
