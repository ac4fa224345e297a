namespace KwsNano.Cli.CortexM;

/// <summary>
/// Inputs and expected int8 outputs for on-target tests: published golden pairs first, then random inputs
/// with the outputs of the host reference interpreter.
/// </summary>
/// <param name="InputElements">Elements per input.</param>
/// <param name="OutputElements">Elements per output.</param>
/// <param name="GoldenCount">How many of the first vectors are golden pairs.</param>
/// <param name="Inputs">Every input, golden first.</param>
/// <param name="Outputs">The expected output of each input.</param>
public sealed record TestVectorSet(int InputElements, int OutputElements, int GoldenCount,
    IReadOnlyList<sbyte[]> Inputs, IReadOnlyList<sbyte[]> Outputs)
{
    /// <summary>Number of vectors.</summary>
    public int Count => Inputs.Count;

    /// <summary>
    /// For the first vectors (as many as rows): FNV-1a hash of every op's output tensor, in op order, from the
    /// reference interpreter's trace; empty when no trace was requested.
    /// </summary>
    public IReadOnlyList<uint[]> OpHashes { get; init; } = [];

    /// <summary>FNV-1a (32-bit) of int8 bytes: what the firmware computes over each op's output tensor.</summary>
    public static uint Fnv1a(ReadOnlySpan<sbyte> data)
    {
        uint h = 2166136261u;
        foreach (sbyte b in data)
        {
            h = (h ^ (byte)b) * 16777619u;
        }
        return h;
    }
}
