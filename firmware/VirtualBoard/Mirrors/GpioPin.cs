// Virtual-board half of System.Device.Gpio.GpioPin (surface: firmware/ApiSurface/System.Device.Gpio): outputs are
// recorded on the board with virtual timestamps.
using KwsNano.VirtualBoard;

namespace System.Device.Gpio;

public sealed partial class GpioPin
{
    private readonly Board _board;
    private readonly GpioController _controller;
    private readonly int _pinNumber;
    private PinMode _mode = PinMode.Input; // reset state; OpenPin(int) sets no mode
    private bool _latch;
    private bool _disposed;
    private TimeSpan _debounce;

    internal GpioPin(Board board, int pinNumber, GpioController controller)
    {
        _board = board;
        _pinNumber = pinNumber;
        _controller = controller;
    }

    public partial TimeSpan DebounceTimeout { get => _debounce; set => _debounce = value; }

    public partial int PinNumber => _pinNumber;

    public partial PinMode GetPinMode() => _mode;

    public partial bool IsPinModeSupported(PinMode pinMode) => _board.SupportsPinMode(_pinNumber, pinMode);

    public partial void SetPinMode(PinMode value)
    {
        ThrowIfDisposed();
        if (!_board.SupportsPinMode(_pinNumber, value))
        {
            throw new ArgumentException($"pin {_pinNumber} does not support {value}");
        }
        bool wasOutput = IsOutput;
        _mode = value;
        if (IsOutput && !wasOutput)
        {
            _latch = false; // as on the device: becoming an output drives the pin low
            Drive(false);
        }
    }

    public partial PinValue Read() => IsOutput ? _latch : _board.ReadPin(_pinNumber);

    public partial void Write(PinValue value)
    {
        ThrowIfDisposed();
        _latch = (bool)value;
        if (IsOutput)
        {
            Drive(_latch);
        }
    }

    public partial void Toggle()
    {
        ThrowIfDisposed();
        if (IsOutput)
        {
            Write(!_latch);
        }
    }

    public partial void Dispose() => _disposed = true;

    private bool IsOutput => _mode >= PinMode.Output;

    private void Drive(bool high)
    {
        bool changed = _board.ReadPin(_pinNumber) != high;
        _board.WritePin(_pinNumber, high);
        if (changed)
        {
            var edge = high ? PinEventTypes.Rising : PinEventTypes.Falling;
            ValueChanged?.Invoke(this, new PinValueChangedEventArgs(edge, _pinNumber));
            _controller.OnEdge(this, edge);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
