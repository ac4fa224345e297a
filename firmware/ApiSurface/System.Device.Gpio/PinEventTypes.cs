namespace System.Device.Gpio
{
    /// <summary>Edge kinds of a pin event.</summary>
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
}
