namespace System.Device.Gpio
{
    /// <summary>An open pin (from <see cref="GpioController.OpenPin(int)"/>). <see cref="Toggle"/> on an input does nothing.</summary>
    public sealed partial class GpioPin : IDisposable
    {
        // no public constructor: pins come from GpioController.OpenPin
        private GpioPin()
        {
        }

        /// <summary>Debounce time of input edges.</summary>
        public partial TimeSpan DebounceTimeout { get; set; }

        /// <summary>The pin number.</summary>
        public partial int PinNumber { get; }

        /// <summary>The current mode.</summary>
        public partial PinMode GetPinMode();

        /// <summary>True when the pin supports <paramref name="pinMode"/>.</summary>
        public partial bool IsPinModeSupported(PinMode pinMode);

        /// <summary>Sets the mode (Output drives the pin low).</summary>
        public partial void SetPinMode(PinMode value);

        /// <summary>Reads the level.</summary>
        public partial PinValue Read();

        /// <summary>Drives the pin (an output).</summary>
        public partial void Write(PinValue value);

        /// <summary>Inverts an output; does nothing on an input.</summary>
        public partial void Toggle();

        /// <summary>Raised on edges of the pin.</summary>
        public event PinValueChangedEventHandler ValueChanged;

        /// <summary>Releases the pin.</summary>
        public partial void Dispose();
    }
}
