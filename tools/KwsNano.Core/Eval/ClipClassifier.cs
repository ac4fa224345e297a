using System.Diagnostics;
using KwsNano.Audio;
using KwsNano.Interpreter;
using KwsNano.Kwsm;

namespace KwsNano.Eval;

/// <summary>
/// Audio clip -> features (as the board computes them) -> network -> class probabilities.
/// The network is given as a function from the int8 input to the int8 output so any engine (native
/// libkwsnano, the C# reference interpreter) can run it. Not thread-safe: one instance per worker.
/// </summary>
public sealed class ClipClassifier : IDisposable
{
    private readonly Func<sbyte[], sbyte[]> _network;
    private readonly IDisposable? _engine;
    private readonly KwsmInterpreter _probabilities; // only for its output -> probabilities rule

    /// <summary>Creates a classifier for <paramref name="model"/>; <paramref name="engine"/> (optional) is disposed with it.</summary>
    public ClipClassifier(KwsmModel model, FeatureExtractor features, Func<sbyte[], sbyte[]> network, IDisposable? engine = null)
    {
        Model = model;
        Features = features;
        _network = network;
        _engine = engine;
        _probabilities = new KwsmInterpreter(model);
    }

    /// <summary>The model run.</summary>
    public KwsmModel Model { get; }

    /// <summary>The front-end used.</summary>
    public FeatureExtractor Features { get; }

    /// <summary>Classifies the first window of <paramref name="clip"/> (zero-padded or trimmed to one window).</summary>
    public Classification Classify(ReadOnlySpan<short> clip)
    {
        long t0 = Stopwatch.GetTimestamp();
        sbyte[] input = Features.Compute(clip);
        long t1 = Stopwatch.GetTimestamp();
        sbyte[] output = _network(input);
        long t2 = Stopwatch.GetTimestamp();
        return new Classification(output, _probabilities.ToProbabilities(output), ArgMax(output),
            Stopwatch.GetElapsedTime(t0, t1), Stopwatch.GetElapsedTime(t1, t2));
    }

    /// <summary>Index of the largest value, lowest index on ties.</summary>
    public static int ArgMax(ReadOnlySpan<sbyte> output)
    {
        int best = 0;
        for (int i = 1; i < output.Length; i++)
        {
            if (output[i] > output[best])
            {
                best = i;
            }
        }
        return best;
    }

    /// <summary>Releases the front-end and the engine.</summary>
    public void Dispose()
    {
        Features.Dispose();
        _engine?.Dispose();
    }
}
