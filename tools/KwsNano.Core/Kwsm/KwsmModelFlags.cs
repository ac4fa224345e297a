namespace KwsNano.Kwsm;

/// <summary>Header flags (header offset 16).</summary>
[Flags]
public enum KwsmModelFlags : uint
{
    None = 0,
    InputFromFloat = 1,
    OutputToFloat = 2,
    OutputIsSoftmax = 4,
}
