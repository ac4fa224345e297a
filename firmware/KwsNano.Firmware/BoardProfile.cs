namespace KwsNano.Firmware
{
    /// <summary>
    /// Everything board-specific: pins, microphone, buffer sizes, model location in flash. Pin numbers follow
    /// nanoFramework: ESP32 = GPIO number; STM32 = port index x 16 + pin (PA0 = 0, PB0 = 16, ..., PJ0 = 144).
    /// Wiring diagrams: README.md "Wiring".
    /// </summary>
    public class BoardProfile
    {
        /// <summary>Sample rate of every supported model.</summary>
        public const int DefaultSampleRate = 16000;

        /// <summary>Board name printed on the boot line.</summary>
        public string Name { get; set; }

        /// <summary>How audio is captured.</summary>
        public MicrophoneKind Microphone { get; set; }

        /// <summary>I2S bus id (ESP32: 1).</summary>
        public int I2sBus { get; set; }

        /// <summary>Bit clock (SCK) pin.</summary>
        public int I2sBckPin { get; set; }

        /// <summary>Word select (WS / LRCL) pin.</summary>
        public int I2sWsPin { get; set; }

        /// <summary>Serial data from the microphone (SD) pin.</summary>
        public int I2sDataInPin { get; set; }

        /// <summary>Slot the microphone drives: 0 left (L/R pin to GND), 1 right.</summary>
        public int MicrophoneSlot { get; set; }

        /// <summary>Audio sample rate, Hz.</summary>
        public int SampleRate { get; set; }

        /// <summary>Driver receive buffer in bytes (32-bit stereo frames are 8 bytes); covers the longest native call.</summary>
        public int I2sBufferBytes { get; set; }

        /// <summary>Audio dropped at start while the microphone settles (INMP441: ~2^18 SCK cycles, 256 ms).</summary>
        public int StartupDiscardMs { get; set; }

        /// <summary>Frames read and pushed to the engine per loop iteration (bounded by the engine's per-call limit).</summary>
        public int ChunkFrames { get; set; }

        /// <summary>Status LED pin (error pattern), -1 for none.</summary>
        public int StatusLedPin { get; set; }

        /// <summary>Flash address of the .kwsm model blob (memory-mapped or mapped by the native glue).</summary>
        public uint ModelFlashAddress { get; set; }

        /// <summary>Bytes reserved for the model at <see cref="ModelFlashAddress"/>.</summary>
        public uint ModelFlashMaxBytes { get; set; }

        /// <summary>Flash address of the managed deployment region (for nanoff, see docs/custom-firmware.md).</summary>
        public uint DeploymentAddress { get; set; }

        /// <summary>Action configuration used when none is given (pins valid for this board).</summary>
        public string DefaultActions { get; set; }

        /// <summary>Classic ESP32 (4 MB flash, e.g. ESP32-DevKitC) with an INMP441 on GPIO 18/19/23, LED on GPIO 2.</summary>
        public static BoardProfile Esp32Inmp441()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "ESP32";
            b.Microphone = MicrophoneKind.ManagedI2s;
            b.I2sBus = 1;
            b.I2sBckPin = 18;
            b.I2sWsPin = 19;
            b.I2sDataInPin = 23;
            b.MicrophoneSlot = 0;
            b.SampleRate = DefaultSampleRate;
            b.I2sBufferBytes = 32768;        // 4096 frames = 256 ms of audio
            b.StartupDiscardMs = 256;
            b.ChunkFrames = 640;             // 40 ms = 2 hops of 20 ms: a keyword waits at most 40 ms for its chunk
            b.StatusLedPin = 2;
            b.ModelFlashAddress = 0x380000;  // top 128 KB of deployment + the unpartitioned gap up to config at 0x3C0000
            b.ModelFlashMaxBytes = 0x40000;
            b.DeploymentAddress = 0x1E0000;
            b.DefaultActions = DefaultActionConfig.Text;
            return b;
        }

        /// <summary>ESP32-S3 (4 MB flash) with an INMP441 on GPIO 4/5/6, LED on GPIO 2.</summary>
        public static BoardProfile Esp32S3Inmp441()
        {
            BoardProfile b = Esp32Inmp441();
            b.Name = "ESP32_S3";
            b.I2sBckPin = 4;
            b.I2sWsPin = 5;
            b.I2sDataInPin = 6;
            b.ModelFlashAddress = 0x380000;  // top 256 KB of the deployment region (see docs/custom-firmware.md)
            b.ModelFlashMaxBytes = 0x40000;
            b.DeploymentAddress = 0x1B0000;
            b.DefaultActions = DefaultActionConfig.TextEsp32S3;
            return b;
        }

        /// <summary>
        /// ST STM32F769I-DISCOVERY with an INMP441 on I2S2 at the Arduino header (PA12 CK = D13, PA11 WS = D10,
        /// PB15 SD = D11; PB12/PB13 are the USB HS ULPI lines on this board) captured natively by the glue,
        /// LED LD2 (PJ5).
        /// </summary>
        public static BoardProfile Stm32F769IDiscovery()
        {
            BoardProfile b = new BoardProfile();
            b.Name = "ST_STM32F769I_DISCOVERY";
            b.Microphone = MicrophoneKind.NativeCapture;
            b.I2sBus = 2;
            b.I2sBckPin = 0 * 16 + 12;     // PA12 (pin numbers: port index * 16 + pin)
            b.I2sWsPin = 0 * 16 + 11;      // PA11
            b.I2sDataInPin = 1 * 16 + 15;  // PB15
            b.MicrophoneSlot = 0;
            b.SampleRate = DefaultSampleRate;
            b.I2sBufferBytes = 32768;
            b.StartupDiscardMs = 256;
            b.ChunkFrames = 640;
            b.StatusLedPin = 9 * 16 + 5;
            b.ModelFlashAddress = 0x081C0000; // flash sector 11 (256 KB), taken from the deployment region
            b.ModelFlashMaxBytes = 0x40000;
            b.DeploymentAddress = 0x080C0000;
            b.DefaultActions = DefaultActionConfig.TextStm32F769;
            return b;
        }

        /// <summary>
        /// Profile for a nanoFramework target name (SystemInfo.TargetName): names starting with "ESP32_S3" give
        /// <see cref="Esp32S3Inmp441"/>, other "ESP32" names <see cref="Esp32Inmp441"/>, "ST_STM32F769I" names
        /// <see cref="Stm32F769IDiscovery"/>; null for anything else.
        /// </summary>
        public static BoardProfile ForTarget(string targetName)
        {
            if (targetName == null)
            {
                return null;
            }
            if (targetName.IndexOf("ESP32_S3") == 0)
            {
                return Esp32S3Inmp441();
            }
            if (targetName.IndexOf("ESP32") == 0)
            {
                return Esp32Inmp441();
            }
            if (targetName.IndexOf("ST_STM32F769I") == 0)
            {
                return Stm32F769IDiscovery();
            }
            return null;
        }

        /// <summary>
        /// The profile an app for <paramref name="microphone"/> boards runs with on <paramref name="targetName"/>: the
        /// target's profile when it captures audio that way, else (reported on <paramref name="log"/>) the default board
        /// of that kind (ESP32 for managed I2S, STM32F769I-DISCOVERY for native capture).
        /// </summary>
        public static BoardProfile ForApp(string targetName, MicrophoneKind microphone, ILineWriter log)
        {
            BoardProfile board = ForTarget(targetName);
            if (board != null && board.Microphone == microphone)
            {
                return board;
            }
            board = microphone == MicrophoneKind.NativeCapture ? Stm32F769IDiscovery() : Esp32Inmp441();
            log.WriteLine(DetectionLog.FormatError(0, "board", 0, "target " + targetName + " has no profile for this app, using " + board.Name));
            return board;
        }
    }
}
