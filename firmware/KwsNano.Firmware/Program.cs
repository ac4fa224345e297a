using nanoFramework.Runtime.Native;

namespace KwsNano.Firmware
{
    /// <summary>Device entry point: picks the board profile from the firmware target name and runs the app.</summary>
    public class Program
    {
        /// <summary>Runs the keyword spotter forever.</summary>
        public static void Main()
        {
            ConsoleLineWriter serial = new ConsoleLineWriter();
            BoardProfile board = BoardProfile.ForTarget(SystemInfo.TargetName);
            if (board == null)
            {
                serial.WriteLine(DetectionLog.FormatError(0, "board", 0, "unknown target " + SystemInfo.TargetName + ", using the ESP32 profile"));
                board = BoardProfile.Esp32Inmp441();
            }
            KwsApp app = KwsApp.CreateForBoard(board, board.DefaultActions, serial);
            app.Run();
        }
    }
}
