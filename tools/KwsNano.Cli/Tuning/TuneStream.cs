namespace KwsNano.Cli.Tuning;

/// <summary>Audio played into the model for tuning, with where each clip starts.</summary>
/// <param name="Samples">16-bit mono samples.</param>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Clips">The clips in stream order.</param>
public sealed record TuneStream(short[] Samples, int SampleRate, IReadOnlyList<TuneClip> Clips)
{
    /// <summary>Length in seconds.</summary>
    public double Seconds => (double)Samples.Length / SampleRate;
}
