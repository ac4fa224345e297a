namespace KwsNano.Interpreter.Kernels;

/// <summary>Argument checks shared by the reference kernels (they never index outside their spans).</summary>
internal static class KernelChecks
{
    public static void Length(int actual, int expected, string what)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{what} has {actual} elements, expected {expected}");
        }
    }

    public static void Positive(int value, string what)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{what} is {value}, must be >= 1");
        }
    }

    public static void Clamp(int actMin, int actMax)
    {
        if (actMin < sbyte.MinValue || actMax > sbyte.MaxValue || actMin > actMax)
        {
            throw new ArgumentException($"activation range [{actMin}, {actMax}] is not an int8 range");
        }
    }

    /// <summary>Bias is empty (no bias) or one entry per output channel; the quant table 1 or per channel.</summary>
    public static void BiasAndQuant(int biasLength, int multipliers, int shifts, int outChannels)
    {
        if (biasLength != 0 && biasLength != outChannels)
        {
            throw new ArgumentException($"bias has {biasLength} entries, expected 0 or {outChannels}");
        }
        if (multipliers != shifts || (multipliers != 1 && multipliers != outChannels))
        {
            throw new ArgumentException(
                $"quantisation table has {multipliers} multipliers and {shifts} shifts, expected 1 or {outChannels} of each");
        }
    }

    public static int ClampToAct(int value, int actMin, int actMax) => Math.Min(Math.Max(value, actMin), actMax);
}
