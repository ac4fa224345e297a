namespace System.Device.Gpio
{
    /// <summary>
    /// The GPIO controller. <see cref="OpenPin(int)"/> sets no mode; an invalid or reserved pin, a pin opened twice or
    /// closing a pin that is not open throws <see cref="InvalidOperationException"/>.
    /// </summary>
    public sealed partial class GpioController : IDisposable
    {
        /// <summary>A controller with the logical numbering scheme.</summary>
        public GpioController()
        {
        }

        /// <summary>The numbering scheme (always <see cref="PinNumberingScheme.Logical"/> on nanoFramework).</summary>
        public PinNumberingScheme NumberingScheme => PinNumberingScheme.Logical;

        /// <summary>Number of pins of the target (ESP32: 40).</summary>
        public partial int PinCount { get; }

        /// <summary>Opens a pin without setting its mode.</summary>
        public partial GpioPin OpenPin(int pinNumber);

        /// <summary>Opens a pin and sets its mode (Output drives it low).</summary>
        public partial GpioPin OpenPin(int pinNumber, PinMode mode);

        /// <summary>Closes an open pin.</summary>
        public partial void ClosePin(int pinNumber);

        /// <summary>Closes every pin this controller opened.</summary>
        public partial void Dispose();

        /// <summary>The mode of an open pin.</summary>
        public partial PinMode GetPinMode(int pinNumber);

        /// <summary>True when the pin supports <paramref name="mode"/>.</summary>
        public partial bool IsPinModeSupported(int pinNumber, PinMode mode);

        /// <summary>True when the pin is open.</summary>
        public partial bool IsPinOpen(int pinNumber);

        /// <summary>Reads an open pin.</summary>
        public partial PinValue Read(int pinNumber);

        /// <summary>Sets the mode of an open pin.</summary>
        public partial void SetPinMode(int pinNumber, PinMode mode);

        /// <summary>Drives an open pin.</summary>
        public partial void Write(int pinNumber, PinValue value);

        /// <summary>Calls <paramref name="callback"/> on the given edges of an open pin.</summary>
        public partial void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback);

        /// <summary>Removes a callback registered with <see cref="RegisterCallbackForPinValueChangedEvent"/>.</summary>
        public partial void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback);
    }
}
