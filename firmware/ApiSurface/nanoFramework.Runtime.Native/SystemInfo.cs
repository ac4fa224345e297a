namespace nanoFramework.Runtime.Native
{
    /// <summary>Facts about the firmware image.</summary>
    public static partial class SystemInfo
    {
        /// <summary>Target name of the firmware (e.g. ESP32_REV0, ST_STM32F769I_DISCOVERY).</summary>
        public static partial string TargetName { get; }

        /// <summary>Platform name (e.g. ESP32, STM32F7).</summary>
        public static partial string Platform { get; }

        /// <summary>OEM string of the firmware.</summary>
        public static partial string OEMString { get; }
    }
}
