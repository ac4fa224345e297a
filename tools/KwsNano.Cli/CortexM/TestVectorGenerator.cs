namespace KwsNano.Cli.CortexM;

/// <summary>Builds a <see cref="TestVectorSet"/>: golden pairs, then seeded random inputs run through a reference.</summary>
public static class TestVectorGenerator
{
    /// <summary>
    /// Golden pairs (kept as published) followed by <paramref name="randomCount"/> uniformly random int8 inputs
    /// from a SplitMix64 stream seeded with <paramref name="seed"/> (identical on every machine and .NET
    /// version), each with the output <paramref name="reference"/> computes for it.
    /// </summary>
    public static TestVectorSet Generate(Func<sbyte[], sbyte[]> reference, int inputElements, int outputElements,
        IReadOnlyList<(sbyte[] Input, sbyte[] Output)> golden, int randomCount, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(golden);
        ArgumentOutOfRangeException.ThrowIfNegative(randomCount);
        var inputs = new List<sbyte[]>();
        var outputs = new List<sbyte[]>();
        foreach (var (input, output) in golden)
        {
            if (input.Length != inputElements || output.Length != outputElements)
            {
                throw new CliException($"golden vector is {input.Length} -> {output.Length} elements, the model is {inputElements} -> {outputElements}");
            }
            inputs.Add(input);
            outputs.Add(output);
        }
        ulong state = seed;
        for (int v = 0; v < randomCount; v++)
        {
            var input = new sbyte[inputElements];
            for (int i = 0; i < inputElements; i++)
            {
                input[i] = (sbyte)(byte)(SplitMix64(ref state) >> 56);
            }
            var output = reference(input);
            if (output.Length != outputElements)
            {
                throw new InvalidOperationException($"reference returned {output.Length} elements, expected {outputElements}");
            }
            inputs.Add(input);
            outputs.Add(output);
        }
        return new TestVectorSet(inputElements, outputElements, golden.Count, inputs, outputs);
    }

    /// <summary>One step of SplitMix64 (Steele, Lea, Flood 2014).</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
