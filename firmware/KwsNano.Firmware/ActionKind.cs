namespace KwsNano.Firmware
{
    /// <summary>What a detection does to its GPIO pin.</summary>
    public enum ActionKind
    {
        /// <summary>Drive the pin high for a duration, then low.</summary>
        Pulse = 0,
        /// <summary>Invert the pin.</summary>
        Toggle = 1,
        /// <summary>Drive the pin to a fixed level.</summary>
        Set = 2
    }
}
