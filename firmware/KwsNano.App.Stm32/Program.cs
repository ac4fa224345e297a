using KwsNano.Firmware;
using nanoFramework.Runtime.Native;

namespace KwsNano.App.Stm32
{
    /// <summary>
    /// STM32 entry point (ST_STM32F769I_DISCOVERY): runs the app with the microphone captured by the native glue
    /// (nanoFramework has no managed I2S on ChibiOS targets).
    /// </summary>
    public class Program
    {
        /// <summary>Runs the keyword spotter forever.</summary>
        public static void Main()
        {
            ConsoleLineWriter serial = new ConsoleLineWriter();
            BoardProfile board = BoardProfile.ForApp(SystemInfo.TargetName, MicrophoneKind.NativeCapture, serial);
            CreateApp(board, board.DefaultActions, serial).Run();
        }

        /// <summary>The app for an STM32 <paramref name="board"/>, with the native-capture microphone.</summary>
        public static KwsApp CreateApp(BoardProfile board, string configText, ILineWriter output)
        {
            return KwsApp.CreateForBoard(board, new NativeCaptureMicrophone(board), configText, output);
        }
    }
}
