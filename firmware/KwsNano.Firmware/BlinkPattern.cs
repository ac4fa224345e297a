namespace KwsNano.Firmware
{
    /// <summary>
    /// Status LED patterns as a pure function of time: the main loop polls <see cref="IsOn"/> and writes the
    /// LED when it changes, so no timer or thread is needed.
    /// </summary>
    public class BlinkPattern
    {
        private readonly int _blinks;
        private readonly long _onUs;
        private readonly long _periodUs;

        /// <summary>Creates a pattern of <paramref name="blinks"/> flashes of <paramref name="onMs"/> each, repeated every <paramref name="periodMs"/>.</summary>
        public BlinkPattern(int blinks, int onMs, int periodMs)
        {
            _blinks = blinks;
            _onUs = (long)onMs * 1000;
            _periodUs = (long)periodMs * 1000;
        }

        /// <summary>Model missing or invalid: three short flashes every two seconds.</summary>
        public static BlinkPattern ModelError()
        {
            return new BlinkPattern(3, 150, 2000);
        }

        /// <summary>Number of flashes per period.</summary>
        public int Blinks { get { return _blinks; } }

        /// <summary>True when the LED is lit at <paramref name="timeUs"/>.</summary>
        public bool IsOn(long timeUs)
        {
            if (timeUs < 0)
            {
                return false;
            }
            long t = timeUs % _periodUs;
            long slot = t / (2 * _onUs);
            return slot < _blinks && (t % (2 * _onUs)) < _onUs;
        }
    }
}
