namespace KwsNano.Firmware
{
    /// <summary>
    /// The action configuration deployed with the managed application. Edit and redeploy the managed
    /// app only (seconds); the native firmware does not change. The desktop tool takes a file instead
    /// (kwsnano run --config actions.cfg). Format: <see cref="ActionConfigParser"/>.
    /// </summary>
    public static class DefaultActionConfig
    {
        /// <summary>Classic ESP32 (DevKitC) pins.</summary>
        public const string Text =
            "# KwsNano actions (docs/serial-log.md)\n" +
            "threshold 0.75\n" +
            "smoothing 10\n" +
            "refractory_ms 900\n" +
            "release 0.5\n" +
            "stats_ms 10000\n" +
            "interval auto\n" +
            "on yes pulse 25 200\n" +
            "on no pulse 26 200\n" +
            "on go set 27 high\n" +
            "on stop set 27 low\n" +
            "on left toggle 32\n" +
            "on right toggle 33\n" +
            "on up pulse 13 500\n" +
            "on down pulse 14 500\n" +
            "on on set 15 high\n" +
            "on off set 15 low\n";

        /// <summary>ESP32-S3 pins (GPIO 26-32 are taken by flash and PSRAM there).</summary>
        public const string TextEsp32S3 =
            "# KwsNano actions, ESP32-S3\n" +
            "threshold 0.75\n" +
            "smoothing 10\n" +
            "refractory_ms 900\n" +
            "release 0.5\n" +
            "stats_ms 10000\n" +
            "interval auto\n" +
            "on yes pulse 7 200\n" +
            "on no pulse 8 200\n" +
            "on go set 9 high\n" +
            "on stop set 9 low\n" +
            "on left toggle 10\n" +
            "on right toggle 11\n" +
            "on up pulse 12 500\n" +
            "on down pulse 13 500\n" +
            "on on set 14 high\n" +
            "on off set 14 low\n";

        /// <summary>STM32F769I-DISCOVERY: LD1 (PJ13 = 157), LD2 (PJ5 = 149), LD3 (PA12 = 12), Arduino D2/D4/D7/D8 (PJ1 = 145, PJ0 = 144, PJ3 = 147, PJ4 = 148).</summary>
        public const string TextStm32F769 =
            "# KwsNano actions, STM32F769I-DISCOVERY\n" +
            "threshold 0.75\n" +
            "smoothing 10\n" +
            "refractory_ms 900\n" +
            "release 0.5\n" +
            "stats_ms 10000\n" +
            "interval auto\n" +
            "on yes pulse 157 200\n" +
            "on no pulse 12 200\n" +
            "on go set 145 high\n" +
            "on stop set 145 low\n" +
            "on left toggle 144\n" +
            "on right toggle 147\n" +
            "on up pulse 148 500\n" +
            "on down pulse 148 500\n";
    }
}
