namespace KwsNano.Firmware
{
    /// <summary>Where the serial log goes: one complete line per call.</summary>
    public interface ILineWriter
    {
        /// <summary>Writes one line (without the newline).</summary>
        void WriteLine(string line);
    }
}
