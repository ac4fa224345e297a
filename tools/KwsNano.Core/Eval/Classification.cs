namespace KwsNano.Eval;

/// <summary>Result of classifying one clip.</summary>
/// <param name="Output">The network's int8 output, one value per class.</param>
/// <param name="Probabilities">Class probabilities (dequantised softmax output, or a float softmax of the logits).</param>
/// <param name="Top">Index of the highest output (lowest index on ties, as the board decides).</param>
/// <param name="FeatureTime">Time spent in the front-end.</param>
/// <param name="NetworkTime">Time spent in the network.</param>
public sealed record Classification(sbyte[] Output, float[] Probabilities, int Top, TimeSpan FeatureTime, TimeSpan NetworkTime)
{
    /// <summary>Class indices sorted by decreasing probability (stable: lower index first on ties).</summary>
    public IEnumerable<int> Ranked => Enumerable.Range(0, Probabilities.Length).OrderByDescending(i => Probabilities[i]).ThenBy(i => i);
}
