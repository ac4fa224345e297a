namespace System.Device.I2s
{
    /// <summary>
    /// An I2S device (ESP32 only). The constructor configures the driver and throws <see cref="ArgumentException"/> for
    /// settings the driver refuses (bus other than 1 or 2, buffer outside 2..128 DMA descriptors).
    /// <see cref="Read"/> blocks until the span is full; its layout follows the settings: Bit32 + RightLeft 8 bytes per
    /// frame (left int32 then right), 16-bit stereo 4 bytes (the upper half of each slot), mono formats one word.
    /// </summary>
    public partial class I2sDevice : IDisposable
    {
        /// <summary>Opens the device with <paramref name="settings"/>.</summary>
        public I2sDevice(I2sConnectionSettings settings)
        {
            ConnectionSettings = settings;
            Open();
        }

        /// <summary>The settings the device was opened with.</summary>
        public I2sConnectionSettings ConnectionSettings { get; }

        /// <summary>Opens a device.</summary>
        public static I2sDevice Create(I2sConnectionSettings settings) => new I2sDevice(settings);

        /// <summary>Fills <paramref name="buffer"/> with received data (blocks).</summary>
        public partial void Read(SpanByte buffer);

        /// <summary>Transmits <paramref name="buffer"/> (blocks).</summary>
        public partial void Write(SpanByte buffer);

        /// <summary>Releases the driver.</summary>
        public partial void Dispose();

        // driver configuration (native init on the device)
        private partial void Open();
    }
}
