using System.Device.Gpio;

namespace KwsNano.Firmware
{
    /// <summary>
    /// Executes keyword actions on GPIO pins. Pulses end without timers: <see cref="Poll"/> (called every loop
    /// iteration) drives a pin low once its pulse time is over, so a pulse lasts its duration rounded up to the
    /// next loop iteration (one audio chunk).
    /// </summary>
    public class ActionRunner
    {
        private readonly ActionConfig _config;
        private readonly GpioController _gpio;
        private readonly int[] _pins;
        private readonly GpioPin[] _open;
        private readonly long[] _pulseEndUs;
        private readonly bool[] _pulsing;

        /// <summary>Opens every configured pin as an output driven low.</summary>
        public ActionRunner(ActionConfig config, GpioController gpio)
        {
            _config = config;
            _gpio = gpio;
            int[] pins = new int[config.ActionCount];
            int count = 0;
            for (int i = 0; i < config.ActionCount; i++)
            {
                int pin = config.GetAction(i).Pin;
                if (IndexIn(pins, count, pin) < 0)
                {
                    pins[count++] = pin;
                }
            }
            _pins = new int[count];
            _open = new GpioPin[count];
            _pulseEndUs = new long[count];
            _pulsing = new bool[count];
            for (int i = 0; i < count; i++)
            {
                _pins[i] = pins[i];
                _open[i] = gpio.OpenPin(pins[i], PinMode.Output);
                _open[i].Write(PinValue.Low);
            }
        }

        /// <summary>Number of distinct pins driven.</summary>
        public int PinCount { get { return _pins.Length; } }

        /// <summary>
        /// Runs every action configured for <paramref name="keyword"/> at <paramref name="nowUs"/>.
        /// Returns the number of actions run.
        /// </summary>
        public int Execute(string keyword, long nowUs)
        {
            int ran = 0;
            for (int i = 0; i < _config.ActionCount; i++)
            {
                KeywordAction action = _config.GetAction(i);
                if (action.Keyword != keyword)
                {
                    continue;
                }
                int p = IndexIn(_pins, _pins.Length, action.Pin);
                GpioPin pin = _open[p];
                if (action.Kind == ActionKind.Pulse)
                {
                    pin.Write(PinValue.High);
                    _pulsing[p] = true;
                    _pulseEndUs[p] = nowUs + (long)action.DurationMs * 1000;
                }
                else if (action.Kind == ActionKind.Toggle)
                {
                    pin.Toggle();
                    _pulsing[p] = false;
                }
                else
                {
                    pin.Write(action.Level ? PinValue.High : PinValue.Low);
                    _pulsing[p] = false;
                }
                ran++;
            }
            return ran;
        }

        /// <summary>Ends pulses whose time is over at <paramref name="nowUs"/>.</summary>
        public void Poll(long nowUs)
        {
            for (int p = 0; p < _pins.Length; p++)
            {
                if (_pulsing[p] && nowUs >= _pulseEndUs[p])
                {
                    _open[p].Write(PinValue.Low);
                    _pulsing[p] = false;
                }
            }
        }

        private static int IndexIn(int[] values, int count, int value)
        {
            for (int i = 0; i < count; i++)
            {
                if (values[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
