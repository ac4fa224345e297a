namespace KwsNano.Eval;

/// <summary>Outcome of an evaluation run.</summary>
/// <param name="Matrix">Confusion counts over the model's labels.</param>
/// <param name="Predictions">Predicted class index per clip, in clip order.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="Workers">Parallel workers used.</param>
public sealed record EvalResult(ConfusionMatrix Matrix, int[] Predictions, TimeSpan Elapsed, int Workers)
{
    /// <summary>Clips classified per second of wall time.</summary>
    public double ClipsPerSecond => Elapsed.TotalSeconds > 0 ? Predictions.Length / Elapsed.TotalSeconds : 0;
}
