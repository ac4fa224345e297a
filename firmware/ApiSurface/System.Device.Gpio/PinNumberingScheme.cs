namespace System.Device.Gpio
{
    /// <summary>How pin numbers are read (nanoFramework uses the logical, GPIO-number scheme).</summary>
    public enum PinNumberingScheme
    {
        /// <summary>GPIO (logical) numbers.</summary>
        Logical,
        /// <summary>Board header numbers.</summary>
        Board,
    }
}
