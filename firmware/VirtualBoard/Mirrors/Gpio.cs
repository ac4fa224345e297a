// Mirror of nanoFramework.System.Device.Gpio: outputs are recorded on the virtual board with timestamps.
using KwsNano.VirtualBoard;

namespace System.Device.Gpio;

/// <summary>Pin modes (nanoFramework order).</summary>
public enum PinMode
{
    /// <summary>Input.</summary>
    Input,
    /// <summary>Input with pull-down.</summary>
    InputPullDown,
    /// <summary>Input with pull-up.</summary>
    InputPullUp,
    /// <summary>Push-pull output.</summary>
    Output,
    /// <summary>Open-drain output.</summary>
    OutputOpenDrain,
    /// <summary>Open-drain output with pull-up.</summary>
    OutputOpenDrainPullUp,
    /// <summary>Open-source output.</summary>
    OutputOpenSource,
    /// <summary>Open-source output with pull-down.</summary>
    OutputOpenSourcePullDown,
}

/// <summary>A pin level.</summary>
public readonly struct PinValue : IEquatable<PinValue>
{
    private readonly byte _value;

    private PinValue(byte value) => _value = value;

    /// <summary>Low (0).</summary>
    public static PinValue Low => new(0);

    /// <summary>High (1).</summary>
    public static PinValue High => new(1);

    /// <summary>From an int (non-zero = high).</summary>
    public static implicit operator PinValue(int value) => value != 0 ? High : Low;

    /// <summary>From a bool.</summary>
    public static implicit operator PinValue(bool value) => value ? High : Low;

    /// <summary>To a bool.</summary>
    public static explicit operator bool(PinValue value) => value._value != 0;

    /// <summary>To an int.</summary>
    public static explicit operator int(PinValue value) => value._value;

    /// <summary>Equality.</summary>
    public static bool operator ==(PinValue a, PinValue b) => a._value == b._value;

    /// <summary>Inequality.</summary>
    public static bool operator !=(PinValue a, PinValue b) => a._value != b._value;

    /// <inheritdoc/>
    public bool Equals(PinValue other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PinValue p && Equals(p);

    /// <inheritdoc/>
    public override int GetHashCode() => _value;

    /// <inheritdoc/>
    public override string ToString() => _value != 0 ? "High" : "Low";
}

/// <summary>A GPIO controller on the virtual board.</summary>
public class GpioController : IDisposable
{
    private readonly Dictionary<int, GpioPin> _open = new();
    private readonly Board _board = Board.Current;

    /// <summary>Pins available (ESP32: 40; STM32 numbering reaches port K).</summary>
    public int PinCount => 176;

    /// <summary>Opens a pin in its current mode (input).</summary>
    public GpioPin OpenPin(int pinNumber) => OpenPin(pinNumber, PinMode.Input);

    /// <summary>Opens a pin; throws if already open.</summary>
    public GpioPin OpenPin(int pinNumber, PinMode mode)
    {
        if (pinNumber < 0 || pinNumber >= PinCount)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber));
        }
        if (_open.ContainsKey(pinNumber))
        {
            throw new InvalidOperationException($"pin {pinNumber} is already open");
        }
        var pin = new GpioPin(_board, pinNumber, mode);
        _open[pinNumber] = pin;
        return pin;
    }

    /// <summary>Closes a pin.</summary>
    public void ClosePin(int pinNumber) => _open.Remove(pinNumber);

    /// <summary>True when open.</summary>
    public bool IsPinOpen(int pinNumber) => _open.ContainsKey(pinNumber);

    /// <summary>Sets a pin's mode.</summary>
    public void SetPinMode(int pinNumber, PinMode mode) => Get(pinNumber).SetPinMode(mode);

    /// <summary>Writes an open pin.</summary>
    public void Write(int pinNumber, PinValue value) => Get(pinNumber).Write(value);

    /// <summary>Reads an open pin.</summary>
    public PinValue Read(int pinNumber) => Get(pinNumber).Read();

    /// <inheritdoc/>
    public void Dispose()
    {
        _open.Clear();
        GC.SuppressFinalize(this);
    }

    private GpioPin Get(int pinNumber) =>
        _open.TryGetValue(pinNumber, out var pin) ? pin : throw new InvalidOperationException($"pin {pinNumber} is not open");
}

/// <summary>An open pin; writes are recorded as transitions with the board's virtual time.</summary>
public class GpioPin : IDisposable
{
    private readonly Board _board;

    internal GpioPin(Board board, int pinNumber, PinMode mode)
    {
        _board = board;
        PinNumber = pinNumber;
        Mode = mode;
    }

    /// <summary>Raised when an output changes (host: on writes).</summary>
    public event PinValueChangedEventHandler? ValueChanged;

    /// <summary>Pin number.</summary>
    public int PinNumber { get; }

    /// <summary>Current mode.</summary>
    public PinMode Mode { get; private set; }

    /// <summary>Sets the mode.</summary>
    public void SetPinMode(PinMode mode) => Mode = mode;

    /// <summary>Drives the pin.</summary>
    public void Write(PinValue value)
    {
        bool high = (bool)value;
        bool changed = _board.ReadPin(PinNumber) != high;
        _board.WritePin(PinNumber, high);
        if (changed)
        {
            ValueChanged?.Invoke(this, new PinValueChangedEventArgs(high ? PinEventTypes.Rising : PinEventTypes.Falling, PinNumber));
        }
    }

    /// <summary>Reads the level.</summary>
    public PinValue Read() => _board.ReadPin(PinNumber);

    /// <summary>Inverts the level.</summary>
    public void Toggle() => Write(!_board.ReadPin(PinNumber));

    /// <inheritdoc/>
    public void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>Edge kinds.</summary>
[Flags]
public enum PinEventTypes
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Rising edge.</summary>
    Rising = 1,
    /// <summary>Falling edge.</summary>
    Falling = 2,
}

/// <summary>Pin change arguments.</summary>
public class PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) : EventArgs
{
    /// <summary>Edge.</summary>
    public PinEventTypes ChangeType { get; } = changeType;

    /// <summary>Pin.</summary>
    public int PinNumber { get; } = pinNumber;
}

/// <summary>Pin change handler.</summary>
public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);
