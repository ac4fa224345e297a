// Mirror of nanoFramework.Runtime.Native (the members the firmware uses).
using KwsNano.VirtualBoard;

namespace nanoFramework.Runtime.Native;

/// <summary>Garbage collector control.</summary>
public static class GC
{
    /// <summary>Runs a collection and returns the free managed heap in bytes (simulated: <see cref="Board.FreeHeapBytes"/>).</summary>
    public static uint Run(bool compactHeap) => Board.Current.FreeHeapBytes;
}

/// <summary>Facts about the firmware.</summary>
public static class SystemInfo
{
    /// <summary>Target name of the firmware image (e.g. ESP32_REV0, ST_STM32F769I_DISCOVERY).</summary>
    public static string TargetName => Board.Current.TargetName;

    /// <summary>Platform name.</summary>
    public static string Platform => Board.Current.TargetName.StartsWith("ESP32", StringComparison.Ordinal) ? "ESP32" : "STM32";
}
