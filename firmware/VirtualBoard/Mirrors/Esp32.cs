// Mirror of nanoFramework.Hardware.Esp32 (the members the firmware uses).
using KwsNano.VirtualBoard;

namespace nanoFramework.Hardware.Esp32;

/// <summary>Pin functions (subset: I2S and a few common ones).</summary>
public enum DeviceFunction
{
    /// <summary>I2S1 master clock.</summary>
    I2S1_MCK = 0x1100,
    /// <summary>I2S1 bit clock.</summary>
    I2S1_BCK,
    /// <summary>I2S1 word select.</summary>
    I2S1_WS,
    /// <summary>I2S1 data out.</summary>
    I2S1_DATA_OUT,
    /// <summary>I2S1 data in.</summary>
    I2S1_MDATA_IN,
    /// <summary>I2S2 master clock.</summary>
    I2S2_MCK = 0x1200,
    /// <summary>I2S2 bit clock.</summary>
    I2S2_BCK,
    /// <summary>I2S2 word select.</summary>
    I2S2_WS,
    /// <summary>I2S2 data out.</summary>
    I2S2_DATA_OUT,
    /// <summary>I2S2 data in.</summary>
    I2S2_MDATA_IN,
}

/// <summary>Pin mapping of the virtual ESP32.</summary>
public static class Configuration
{
    /// <summary>Maps <paramref name="function"/> to <paramref name="pin"/>.</summary>
    public static void SetPinFunction(int pin, DeviceFunction function) => Board.Current.SetPinFunction(pin, function);

    /// <summary>The pin mapped to <paramref name="function"/>, or -1.</summary>
    public static int GetFunctionPin(DeviceFunction function) => Board.Current.GetFunctionPin(function);
}
