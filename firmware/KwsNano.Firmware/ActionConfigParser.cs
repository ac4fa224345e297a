namespace KwsNano.Firmware
{
    /// <summary>
    /// Parses the action configuration text. One directive per line, tokens separated by spaces or tabs,
    /// '#' starts a comment:
    /// <code>
    /// threshold 0.7                # default threshold (probability 0..1)
    /// threshold yes 0.8            # per keyword
    /// smoothing 5                  # moving average over the last 5 hops (100 ms)
    /// refractory_ms 500            # nothing fires for this long after a detection
    /// release 0.5                  # re-arm a keyword when its score falls below threshold x release
    /// stats_ms 10000               # statistics line period (0 = off)
    /// interval 8                   # run the network every 8th hop (features every hop; 1 = every hop)
    /// interval auto                # choose from the measured inference time at start-up (the default)
    /// on yes pulse 2 200           # keyword, action, pin, duration ms
    /// on no toggle 4
    /// on go set 5 high             # high or low
    /// </code>
    /// Errors throw <see cref="ConfigException"/> naming the line.
    /// </summary>
    public static class ActionConfigParser
    {
        /// <summary>Largest pin number accepted (STM32 port K pin 15 = 175).</summary>
        public const int MaxPin = 175;
        /// <summary>Largest pulse, refractory or statistics period accepted, in milliseconds.</summary>
        public const int MaxDurationMs = 3600000;
        /// <summary>Largest smoothing window accepted.</summary>
        public const int MaxSmoothing = 100;
        /// <summary>Largest inference interval accepted here (the engine also refuses more hops than the model's frames).</summary>
        public const int MaxInferenceInterval = 100;

        /// <summary>Parses <paramref name="text"/>; null or empty text gives the defaults.</summary>
        public static ActionConfig Parse(string text)
        {
            ActionConfig config = new ActionConfig();
            if (text == null)
            {
                return config;
            }
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string[] tokens = Tokenize(lines[i]);
                if (tokens.Length > 0)
                {
                    ParseLine(config, tokens, i + 1);
                }
            }
            return config;
        }

        private static void ParseLine(ActionConfig config, string[] t, int line)
        {
            string directive = t[0];
            if (directive == "threshold")
            {
                if (t.Length == 2)
                {
                    config.DefaultThreshold = Probability(t[1], line);
                }
                else if (t.Length == 3)
                {
                    config.SetThreshold(t[1], Probability(t[2], line));
                }
                else
                {
                    throw new ConfigException(line, "expected 'threshold <0..1>' or 'threshold <keyword> <0..1>'");
                }
            }
            else if (directive == "smoothing")
            {
                Expect(t, 2, "smoothing <inferences>", line);
                config.SmoothingWindow = Integer(t[1], 1, MaxSmoothing, "smoothing window", line);
            }
            else if (directive == "refractory_ms")
            {
                Expect(t, 2, "refractory_ms <ms>", line);
                config.RefractoryMs = Integer(t[1], 0, MaxDurationMs, "refractory time", line);
            }
            else if (directive == "release")
            {
                Expect(t, 2, "release <0..1>", line);
                config.ReleaseRatio = Probability(t[1], line);
            }
            else if (directive == "stats_ms")
            {
                Expect(t, 2, "stats_ms <ms>", line);
                config.StatsIntervalMs = Integer(t[1], 0, MaxDurationMs, "statistics period", line);
            }
            else if (directive == "interval")
            {
                Expect(t, 2, "interval <hops|auto>", line);
                config.InferenceInterval = Interval(t[1], line);
            }
            else if (directive == "on")
            {
                ParseAction(config, t, line);
            }
            else
            {
                throw new ConfigException(line, "unknown directive '" + directive + "' (expected threshold, smoothing, refractory_ms, release, stats_ms, interval or on)");
            }
        }

        private static void ParseAction(ActionConfig config, string[] t, int line)
        {
            if (t.Length < 4)
            {
                throw new ConfigException(line, "expected 'on <keyword> pulse|toggle|set <pin> ...'");
            }
            string keyword = t[1];
            string action = t[2];
            int pin = Integer(t[3], 0, MaxPin, "pin", line);
            if (action == "pulse")
            {
                Expect(t, 5, "on <keyword> pulse <pin> <ms>", line);
                int ms = Integer(t[4], 1, MaxDurationMs, "pulse duration", line);
                config.AddAction(new KeywordAction(keyword, ActionKind.Pulse, pin, ms, true));
            }
            else if (action == "toggle")
            {
                Expect(t, 4, "on <keyword> toggle <pin>", line);
                config.AddAction(new KeywordAction(keyword, ActionKind.Toggle, pin, 0, false));
            }
            else if (action == "set")
            {
                Expect(t, 5, "on <keyword> set <pin> high|low", line);
                bool level;
                if (t[4] == "high")
                {
                    level = true;
                }
                else if (t[4] == "low")
                {
                    level = false;
                }
                else
                {
                    throw new ConfigException(line, "level '" + t[4] + "' is not high or low");
                }
                config.AddAction(new KeywordAction(keyword, ActionKind.Set, pin, 0, level));
            }
            else
            {
                throw new ConfigException(line, "unknown action '" + action + "' (expected pulse, toggle or set)");
            }
        }

        private static void Expect(string[] t, int count, string usage, int line)
        {
            if (t.Length != count)
            {
                throw new ConfigException(line, "expected '" + usage + "'");
            }
        }

        private static float Probability(string text, int line)
        {
            float value;
            if (!TextFormat.TryParseDecimal(text, out value) || value > 1.0f)
            {
                throw new ConfigException(line, "'" + text + "' is not a probability between 0 and 1");
            }
            return value;
        }

        private static int Interval(string text, int line)
        {
            if (text == "auto")
            {
                return ActionConfig.AutoInferenceInterval;
            }
            int value;
            if (!TextFormat.TryParseInt(text, out value) || value < 1 || value > MaxInferenceInterval)
            {
                throw new ConfigException(line, "inference interval '" + text + "' is neither 'auto' nor an integer in 1.." + MaxInferenceInterval.ToString());
            }
            return value;
        }

        private static int Integer(string text, int min, int max, string what, int line)
        {
            int value;
            if (!TextFormat.TryParseInt(text, out value) || value < min || value > max)
            {
                throw new ConfigException(line, what + " '" + text + "' is not an integer in " + min.ToString() + ".." + max.ToString());
            }
            return value;
        }

        /// <summary>Splits a line into tokens, dropping a '#' comment and whitespace.</summary>
        private static string[] Tokenize(string line)
        {
            int hash = line.IndexOf('#');
            if (hash >= 0)
            {
                line = line.Substring(0, hash);
            }
            int count = 0;
            string[] buffer = new string[8];
            int i = 0;
            while (i < line.Length)
            {
                while (i < line.Length && IsSpace(line[i]))
                {
                    i++;
                }
                int start = i;
                while (i < line.Length && !IsSpace(line[i]))
                {
                    i++;
                }
                if (i > start)
                {
                    if (count == buffer.Length)
                    {
                        string[] bigger = new string[buffer.Length * 2];
                        for (int k = 0; k < count; k++)
                        {
                            bigger[k] = buffer[k];
                        }
                        buffer = bigger;
                    }
                    buffer[count++] = line.Substring(start, i - start);
                }
            }
            string[] tokens = new string[count];
            for (int k = 0; k < count; k++)
            {
                tokens[k] = buffer[k];
            }
            return tokens;
        }

        private static bool IsSpace(char c)
        {
            return c == ' ' || c == '\t' || c == '\r';
        }
    }
}
