namespace KwsNano.Firmware
{
    /// <summary>
    /// Number formatting and parsing without format strings or culture, identical on nanoFramework 1.x
    /// and .NET (the serial log and the config file depend on exact text).
    /// </summary>
    public static class TextFormat
    {
        /// <summary>Formats <paramref name="value"/> rounded to three decimals, e.g. 0.9126 -> "0.913".</summary>
        public static string Fixed3(float value)
        {
            bool negative = value < 0;
            if (negative)
            {
                value = -value;
            }
            long thousandths = (long)(value * 1000.0 + 0.5);
            long whole = thousandths / 1000;
            long frac = thousandths % 1000;
            string fracText = frac < 10 ? "00" + frac.ToString() : (frac < 100 ? "0" + frac.ToString() : frac.ToString());
            return (negative && thousandths != 0 ? "-" : "") + whole.ToString() + "." + fracText;
        }

        /// <summary>Parses a non-negative decimal such as "0.75" or "12"; false when the text is not one.</summary>
        public static bool TryParseDecimal(string text, out float value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 12)
            {
                return false;
            }
            long whole = 0;
            long frac = 0;
            long scale = 1;
            bool seenPoint = false;
            bool seenDigit = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    if (seenPoint)
                    {
                        return false;
                    }
                    seenPoint = true;
                }
                else if (c >= '0' && c <= '9')
                {
                    seenDigit = true;
                    if (seenPoint)
                    {
                        frac = frac * 10 + (c - '0');
                        scale *= 10;
                    }
                    else
                    {
                        whole = whole * 10 + (c - '0');
                    }
                }
                else
                {
                    return false;
                }
            }
            if (!seenDigit)
            {
                return false;
            }
            value = (float)(whole + (double)frac / scale);
            return true;
        }

        /// <summary>Parses a non-negative integer of at most 9 digits; false when the text is not one.</summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 9)
            {
                return false;
            }
            int result = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }
                result = result * 10 + (c - '0');
            }
            value = result;
            return true;
        }
    }
}
