namespace System.Device.I2s
{
    /// <summary>
    /// Settings of an I2S device. Defaults: bus 1, 44100 Hz, <see cref="I2sMode.Pdm"/> (set the mode), 16 bits,
    /// <see cref="I2sChannelFormat.RightLeft"/>, <see cref="I2sCommunicationFormat.I2S"/>, 10000-byte buffer.
    /// </summary>
    public sealed class I2sConnectionSettings
    {
        /// <summary>Settings for bus <paramref name="busId"/> (1 or 2; bus N is the ESP32's I2S(N-1)).</summary>
        public I2sConnectionSettings(int busId)
        {
            BusId = busId;
        }

        /// <summary>Bus id.</summary>
        public int BusId { get; set; } = 1;

        /// <summary>Mode.</summary>
        public I2sMode Mode { get; set; } = I2sMode.Pdm;

        /// <summary>Bits per sample.</summary>
        public I2sBitsPerSample BitsPerSample { get; set; } = I2sBitsPerSample.Bit16;

        /// <summary>Channel format.</summary>
        public I2sChannelFormat ChannelFormat { get; set; } = I2sChannelFormat.RightLeft;

        /// <summary>Communication format.</summary>
        public I2sCommunicationFormat CommunicationFormat { get; set; } = I2sCommunicationFormat.I2S;

        /// <summary>Sample rate, Hz.</summary>
        public int SampleRate { get; set; } = 44100;

        /// <summary>Driver buffer in bytes: BufferSize / 2048 DMA descriptors, which ESP-IDF needs 2 to 128 of.</summary>
        public int BufferSize { get; set; } = 10000;
    }
}
