namespace System.Device.I2s
{
    /// <summary>Communication (framing) format.</summary>
    public enum I2sCommunicationFormat
    {
        /// <summary>Standard I2S.</summary>
        I2S = 0x01,
        /// <summary>MSB-justified.</summary>
        Msb = 0x03,
        /// <summary>PCM short frame sync.</summary>
        PcmShort = 0x04,
        /// <summary>PCM long frame sync.</summary>
        PcmLong = 0x0C,
        /// <summary>End marker.</summary>
        Max,
    }
}
