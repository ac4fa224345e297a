// Virtual-board half of System.Device.Gpio.GpioController (surface: firmware/ApiSurface/System.Device.Gpio).
using KwsNano.VirtualBoard;

namespace System.Device.Gpio;

public sealed partial class GpioController
{
    private readonly Board _board = Board.Current;
    private readonly Dictionary<int, GpioPin> _open = new();
    private readonly Dictionary<int, (PinEventTypes Types, PinChangeEventHandler Callback)> _callbacks = new();

    public partial int PinCount => _board.PinCount;

    public partial GpioPin OpenPin(int pinNumber)
    {
        // as nanoFramework: an invalid or reserved pin, or one already open, cannot be initialised
        if (!_board.IsUsablePin(pinNumber) || _open.ContainsKey(pinNumber))
        {
            throw new InvalidOperationException();
        }
        var pin = new GpioPin(_board, pinNumber, this);
        _open[pinNumber] = pin;
        return pin;
    }

    public partial GpioPin OpenPin(int pinNumber, PinMode mode)
    {
        var pin = OpenPin(pinNumber);
        pin.SetPinMode(mode);
        return pin;
    }

    public partial void ClosePin(int pinNumber)
    {
        if (!_open.Remove(pinNumber, out var pin))
        {
            throw new InvalidOperationException();
        }
        _callbacks.Remove(pinNumber);
        pin.Dispose();
    }

    public partial void Dispose()
    {
        foreach (var pin in _open.Values)
        {
            pin.Dispose();
        }
        _open.Clear();
        _callbacks.Clear();
    }

    public partial PinMode GetPinMode(int pinNumber) => Open(pinNumber).GetPinMode();

    public partial bool IsPinModeSupported(int pinNumber, PinMode mode) => _board.SupportsPinMode(pinNumber, mode);

    public partial bool IsPinOpen(int pinNumber) => _open.ContainsKey(pinNumber);

    public partial PinValue Read(int pinNumber) => Open(pinNumber).Read();

    public partial void SetPinMode(int pinNumber, PinMode mode) => Open(pinNumber).SetPinMode(mode);

    public partial void Write(int pinNumber, PinValue value) => Open(pinNumber).Write(value);

    public partial void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        Open(pinNumber);
        _callbacks[pinNumber] = (eventTypes, callback);
    }

    public partial void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        if (_callbacks.TryGetValue(pinNumber, out var registered) && registered.Callback == callback)
        {
            _callbacks.Remove(pinNumber);
        }
    }

    /// <summary>Called by an open pin on an edge: runs the registered callback for that edge.</summary>
    internal void OnEdge(GpioPin pin, PinEventTypes edge)
    {
        if (_callbacks.TryGetValue(pin.PinNumber, out var registered) && (registered.Types & edge) != 0)
        {
            registered.Callback(this, new PinValueChangedEventArgs(edge, pin.PinNumber));
        }
    }

    private GpioPin Open(int pinNumber) =>
        _open.TryGetValue(pinNumber, out var pin) ? pin : throw new InvalidOperationException();
}
