using KwsNano.Cli.Firmware;

namespace KwsNano.Tests.Firmware;

/// <summary>The reference models converted once per test run (.tflite from the shared data -> .kwsm bytes).</summary>
internal static class FirmwareModels
{
    private static readonly Dictionary<string, Lazy<byte[]>> Cache = new()
    {
        ["ds_cnn_s"] = new(() => ModelFile.Load(Path.Combine(FirmwarePaths.Shared, "models", "ds_cnn_s.tflite"))),
        ["micronet_m"] = new(() => ModelFile.Load(Path.Combine(FirmwarePaths.Shared, "models", "micronet_m.tflite"))),
    };

    /// <summary>.kwsm bytes of <paramref name="name"/>.</summary>
    public static byte[] Get(string name) => Cache[name].Value;

    /// <summary>
    /// Board for a model: ds_cnn_s runs on the classic ESP32 profile (managed I2S microphone); micronet_m runs on the
    /// STM32F769I profile, which exercises the native-capture microphone path (both fit every profile's 256 KB).
    /// </summary>
    public static FlashTarget TargetFor(string name) => name == "micronet_m" ? FlashTarget.Stm32F769IDiscovery : FlashTarget.Esp32;

    /// <summary>A WAV of the shared recordings.</summary>
    public static string Recording(string file) => Path.Combine(FirmwarePaths.Shared, "audio", "recordings", file);
}
