namespace System.Device.Gpio
{
    /// <summary>A pin level: <see cref="Low"/> (0) or <see cref="High"/> (1).</summary>
    public readonly struct PinValue
    {
        private readonly byte _value;

        private PinValue(byte value)
        {
            _value = value;
        }

        /// <summary>High (1).</summary>
        public static PinValue High => new PinValue(1);

        /// <summary>Low (0).</summary>
        public static PinValue Low => new PinValue(0);

        /// <summary>From an int: 0 is low, anything else high.</summary>
        public static implicit operator PinValue(int value) => value == 0 ? Low : High;

        /// <summary>From a bool.</summary>
        public static implicit operator PinValue(bool value) => value ? High : Low;

        /// <summary>To a byte (0 or 1).</summary>
        public static explicit operator byte(PinValue value) => value._value;

        /// <summary>To an int (0 or 1).</summary>
        public static explicit operator int(PinValue value) => value._value;

        /// <summary>To a bool (true when high).</summary>
        public static explicit operator bool(PinValue value) => value._value != 0;

        /// <summary>Same level.</summary>
        public bool Equals(PinValue other) => other._value == _value;

        /// <inheritdoc/>
        public override bool Equals(object obj) => obj is PinValue other && Equals(other);

        /// <summary>Same level.</summary>
        public static bool operator ==(PinValue a, PinValue b) => a.Equals(b);

        /// <summary>Different levels.</summary>
        public static bool operator !=(PinValue a, PinValue b) => !a.Equals(b);

        /// <inheritdoc/>
        public override int GetHashCode() => _value.GetHashCode();

        /// <inheritdoc/>
        public override string ToString() => _value == 0 ? "Low" : "High";
    }
}
