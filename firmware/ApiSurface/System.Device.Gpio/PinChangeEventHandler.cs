namespace System.Device.Gpio
{
    /// <summary>Handler registered with <see cref="GpioController.RegisterCallbackForPinValueChangedEvent"/>.</summary>
    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);
}
