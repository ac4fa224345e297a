namespace System.Device.Gpio
{
    /// <summary>Pin modes (nanoFramework order, from 0).</summary>
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
}
