namespace System.Device.I2s
{
    /// <summary>Bits per sample.</summary>
    public enum I2sBitsPerSample
    {
        /// <summary>8 bits.</summary>
        Bit8 = 8,
        /// <summary>16 bits.</summary>
        Bit16 = 16,
        /// <summary>24 bits.</summary>
        Bit24 = 24,
        /// <summary>32 bits.</summary>
        Bit32 = 32,
    }
}
