namespace KwsNano.Firmware
{
    /// <summary>How a board captures audio.</summary>
    public enum MicrophoneKind
    {
        /// <summary>nanoFramework System.Device.I2s (ESP32 family).</summary>
        ManagedI2s = 0,
        /// <summary>Native capture entry points of the interop assembly (STM32, ChibiOS I2S driver).</summary>
        NativeCapture = 1
    }
}
