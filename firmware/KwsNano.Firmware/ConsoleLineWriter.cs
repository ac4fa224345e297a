using System;

namespace KwsNano.Firmware
{
    /// <summary>
    /// Writes log lines with <c>Console.WriteLine(string)</c>: on the device this is the serial port
    /// (UART / USB CDC, shared with the debugger wire protocol); on a desktop it is stdout.
    /// </summary>
    public class ConsoleLineWriter : ILineWriter
    {
        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            Console.WriteLine(line);
        }
    }
}
