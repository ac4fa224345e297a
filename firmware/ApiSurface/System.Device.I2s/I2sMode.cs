namespace System.Device.I2s
{
    /// <summary>I2S mode flags. The data-in pin is attached only when the mode is exactly Master | Rx.</summary>
    [Flags]
    public enum I2sMode
    {
        /// <summary>Master (drives the clocks).</summary>
        Master = 1,
        /// <summary>Slave.</summary>
        Slave = 2,
        /// <summary>Transmit.</summary>
        Tx = 4,
        /// <summary>Receive.</summary>
        Rx = 8,
        /// <summary>Built-in DAC.</summary>
        DacBuiltIn = 16,
        /// <summary>Built-in ADC.</summary>
        AdcBuiltIn = 32,
        /// <summary>PDM.</summary>
        Pdm = 64,
    }
}
