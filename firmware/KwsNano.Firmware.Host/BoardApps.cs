namespace KwsNano.Firmware
{
    /// <summary>
    /// Host only: the app a board runs, as flashing the right deployment image would give it: boards with a managed I2S
    /// microphone run KwsNano.App.Esp32, boards with native capture KwsNano.App.Stm32.
    /// </summary>
    public static class BoardApps
    {
        /// <summary>The app of <paramref name="board"/>'s platform, wired as its Program wires it.</summary>
        public static KwsApp Create(BoardProfile board, string configText, ILineWriter output)
        {
            if (board.Microphone == MicrophoneKind.NativeCapture)
            {
                return KwsNano.App.Stm32.Program.CreateApp(board, configText, output);
            }
            return KwsNano.App.Esp32.Program.CreateApp(board, configText, output);
        }
    }
}
