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
}
