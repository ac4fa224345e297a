namespace KwsNano.Cli.Tuning;

/// <summary>The network's decoded output for every inference of one stream.</summary>
/// <param name="Probabilities">Class probabilities per inference (as the firmware's ScoreDecoder gives them).</param>
/// <param name="WindowEndSamples">Sample (exclusive) at which each inference's audio window ends.</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
public sealed record StreamScores(float[][] Probabilities, long[] WindowEndSamples, int SampleRate)
{
    /// <summary>Number of inferences.</summary>
    public int Count => Probabilities.Length;

    /// <summary>Virtual time of the end of inference <paramref name="index"/>'s window, in microseconds from the stream start.</summary>
    public long WindowEndUs(int index) => WindowEndSamples[index] * 1_000_000 / SampleRate;
}
