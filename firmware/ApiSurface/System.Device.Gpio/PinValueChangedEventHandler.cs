namespace System.Device.Gpio
{
    /// <summary>Handler of <see cref="GpioPin.ValueChanged"/>.</summary>
    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);
}
