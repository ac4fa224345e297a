namespace KwsNano.Firmware
{
    /// <summary>An invalid action configuration; the message names the line and the problem.</summary>
    public class ConfigException : System.Exception
    {
        /// <summary>Creates the error for 1-based line <paramref name="line"/>.</summary>
        public ConfigException(int line, string message)
            : base("config line " + line.ToString() + ": " + message)
        {
            Line = line;
        }

        /// <summary>1-based line number of the problem.</summary>
        public int Line { get; private set; }
    }
}
