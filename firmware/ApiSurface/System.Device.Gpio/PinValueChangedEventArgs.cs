using nanoFramework.Runtime.Events;

namespace System.Device.Gpio
{
    /// <summary>Arguments of a pin change event (a nanoFramework native event).</summary>
    public class PinValueChangedEventArgs : BaseEvent
    {
        /// <summary>Creates the arguments.</summary>
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber)
        {
            ChangeType = changeType;
            PinNumber = pinNumber;
        }

        /// <summary>The edge.</summary>
        public PinEventTypes ChangeType { get; }

        /// <summary>The pin.</summary>
        public int PinNumber { get; }
    }
}
