namespace nanoFramework.Hardware.Esp32
{
    /// <summary>ESP32 pin mapping (a non-static class with static members). No I2S pin is mapped by default.</summary>
    public partial class Configuration
    {
        /// <summary>Maps <paramref name="value"/> to <paramref name="pin"/>.</summary>
        public static partial void SetPinFunction(int pin, DeviceFunction value);

        /// <summary>The pin mapped to <paramref name="function"/>, or -1.</summary>
        public static partial int GetFunctionPin(DeviceFunction function);
    }
}
