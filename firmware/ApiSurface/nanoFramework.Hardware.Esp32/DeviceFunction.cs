namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Pin functions (the I2S subset the firmware uses, with their real values: I2S1_* is bus 1).</summary>
    public enum DeviceFunction
    {
        /// <summary>I2S1 master clock.</summary>
        I2S1_MCK = 0x60100,
        /// <summary>I2S1 bit clock.</summary>
        I2S1_BCK = 0x60101,
        /// <summary>I2S1 word select.</summary>
        I2S1_WS = 0x60102,
        /// <summary>I2S1 data out.</summary>
        I2S1_DATA_OUT = 0x60103,
        /// <summary>I2S1 data in.</summary>
        I2S1_MDATA_IN = 0x60104,
        /// <summary>I2S2 master clock.</summary>
        I2S2_MCK = 0x60200,
        /// <summary>I2S2 bit clock.</summary>
        I2S2_BCK = 0x60201,
        /// <summary>I2S2 word select.</summary>
        I2S2_WS = 0x60202,
        /// <summary>I2S2 data out.</summary>
        I2S2_DATA_OUT = 0x60203,
        /// <summary>I2S2 data in.</summary>
        I2S2_MDATA_IN = 0x60204,
    }
}
