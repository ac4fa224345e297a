namespace KwsNano.Cli.Firmware;

/// <summary>
/// Flash layout of a supported board: where nanoff writes the managed deployment image and the model blob
/// (docs/custom-firmware.md, "Flash layout"). The firmware's BoardProfile uses the same addresses.
/// </summary>
/// <param name="Name">Name accepted by <c>kwsnano flash --target</c>.</param>
/// <param name="NanoffTarget">nanoff --target name.</param>
/// <param name="Platform">esp32 or stm32.</param>
/// <param name="DeploymentAddress">Start of the managed deployment region.</param>
/// <param name="ModelAddress">Where the .kwsm blob goes.</param>
/// <param name="ModelMaxBytes">Bytes reserved for the model.</param>
/// <param name="ClrAddress">Start of nanoCLR (informational; ESP32 --clrfile places it itself).</param>
public sealed record FlashTarget(string Name, string NanoffTarget, string Platform, uint DeploymentAddress, uint ModelAddress, uint ModelMaxBytes, uint ClrAddress)
{
    /// <summary>
    /// Classic ESP32, 4 MB flash: deployment 0x1E0000; model at 0x380000 (256 KB): the top 128 KB of the deployment
    /// partition plus the unpartitioned gap 0x3A0000-0x3C0000 before config.
    /// </summary>
    public static FlashTarget Esp32 { get; } = new("ESP32", "ESP32_REV0", "esp32", 0x1E0000, 0x380000, 0x40000, 0x10000);

    /// <summary>ESP32-S3, 4 MB flash: deployment 0x1B0000; model in the top 256 KB of the deployment region at 0x380000.</summary>
    public static FlashTarget Esp32S3 { get; } = new("ESP32_S3", "ESP32_S3", "esp32", 0x1B0000, 0x380000, 0x40000, 0x10000);

    /// <summary>STM32F769I-DISCOVERY (2 MB internal flash): deployment 0x080C0000; model in sector 11 at 0x081C0000 (256 KB).</summary>
    public static FlashTarget Stm32F769IDiscovery { get; } = new("ST_STM32F769I_DISCOVERY", "ST_STM32F769I_DISCOVERY", "stm32", 0x080C0000, 0x081C0000, 0x40000, 0x08010000);

    /// <summary>Every supported target.</summary>
    public static IReadOnlyList<FlashTarget> All { get; } = [Esp32, Esp32S3, Stm32F769IDiscovery];

    /// <summary>The target called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static FlashTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>True for ESP32-family targets (serial port flashing).</summary>
    public bool IsEsp32 => Platform == "esp32";
}
