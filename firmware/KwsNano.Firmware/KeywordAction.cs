namespace KwsNano.Firmware
{
    /// <summary>One configured reaction: when <see cref="Keyword"/> is detected, act on <see cref="Pin"/>.</summary>
    public class KeywordAction
    {
        /// <summary>Creates an action.</summary>
        public KeywordAction(string keyword, ActionKind kind, int pin, int durationMs, bool level)
        {
            Keyword = keyword;
            Kind = kind;
            Pin = pin;
            DurationMs = durationMs;
            Level = level;
        }

        /// <summary>Model label that triggers the action.</summary>
        public string Keyword { get; private set; }

        /// <summary>Pulse, toggle or set.</summary>
        public ActionKind Kind { get; private set; }

        /// <summary>GPIO number (ESP32: GPIO number; STM32: port x 16 + pin).</summary>
        public int Pin { get; private set; }

        /// <summary>Pulse length in milliseconds (pulse only).</summary>
        public int DurationMs { get; private set; }

        /// <summary>Level for set (true = high).</summary>
        public bool Level { get; private set; }
    }
}
