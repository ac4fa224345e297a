// Virtual-board half of nanoFramework.Hardware.Esp32.Configuration (surface: firmware/ApiSurface/nanoFramework.Hardware.Esp32).
using KwsNano.VirtualBoard;

namespace nanoFramework.Hardware.Esp32;

public partial class Configuration
{
    public static partial void SetPinFunction(int pin, DeviceFunction value) => Board.Current.SetPinFunction(pin, value);

    public static partial int GetFunctionPin(DeviceFunction function) => Board.Current.GetFunctionPin(function);
}
