using System.Diagnostics;
using KwsNano.Audio;

namespace KwsNano.Eval;

/// <summary>
/// Classifies labelled clips on every core: Parallel.For with one classifier (front-end + engine)
/// per worker, created by a factory, and counts a confusion matrix over the model's labels.
/// </summary>
public static class EvalRunner
{
    /// <summary>Labels that name the silence class (Speech Commands and micro_speech spellings).</summary>
    public static readonly IReadOnlySet<string> SilenceLabels = new HashSet<string>(StringComparer.Ordinal) { "_silence_", "silence" };

    /// <summary>
    /// How the publishers evaluated the silence class for a model with front-end <paramref name="frontend"/>:
    /// true = digital silence (all-zero audio), false = the recorded noise clips. Models fed samples / 32768
    /// come from Arm's ML-examples pipeline, whose test silence has foreground volume 0 and no background
    /// (zeros); models fed audio divided by its peak (MicroNet, MLPerf Tiny) cannot take all-zero audio
    /// (0 / 0) and were evaluated on the recorded background-noise clips of the official test set.
    /// </summary>
    public static bool PublishersSilenceAsZeros(Kwsm.KwsmFrontend frontend) => frontend.SampleScaling == 0;

    /// <summary>
    /// Runs <paramref name="clips"/> through classifiers from <paramref name="factory"/>. Every clip
    /// label must be one of <paramref name="labels"/>. <paramref name="progress"/> receives the number
    /// of clips done so far (from worker threads).
    /// With <paramref name="silenceAsZeros"/>, clips labelled silence are evaluated as digital silence
    /// (all-zero samples) instead of their recorded audio: this is how the publishers' accuracies were
    /// measured (TensorFlow's speech_commands input_data sets the foreground volume of silence samples
    /// to 0 and adds no background noise outside training).
    /// </summary>
    public static EvalResult Run(IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> labels, Func<ClipClassifier> factory,
        int jobs, Action<int>? progress = null, bool silenceAsZeros = false)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            index[labels[i]] = i;
        }
        var missing = clips.Select(c => c.Label).Distinct().Where(l => !index.ContainsKey(l)).OrderBy(l => l, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"label(s) {string.Join(", ", missing)} of the data set are not classes of the model ({string.Join(", ", labels)})");
        }
        jobs = Math.Max(1, jobs);
        var predictions = new int[clips.Count];
        int done = 0;
        var sw = Stopwatch.StartNew();
        var classifiers = new System.Collections.Concurrent.ConcurrentBag<ClipClassifier>();
        try
        {
            Parallel.For(0, clips.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs },
                () =>
                {
                    var c = factory();
                    classifiers.Add(c);
                    return c;
                },
                (i, _, classifier) =>
                {
                    var audio = WavReader.Read(clips[i].Path, classifier.Model.Frontend.SampleRate is > 0 and var r ? r : WavReader.DefaultSampleRate);
                    short[] samples = silenceAsZeros && SilenceLabels.Contains(clips[i].Label) ? new short[audio.Samples.Length] : audio.Samples;
                    predictions[i] = classifier.Classify(samples).Top;
                    progress?.Invoke(Interlocked.Increment(ref done));
                    return classifier;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // surface the first real error (e.g. a WavFormatException naming the file)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            foreach (var c in classifiers)
            {
                c.Dispose();
            }
        }
        sw.Stop();
        var matrix = new ConfusionMatrix(labels);
        for (int i = 0; i < clips.Count; i++)
        {
            matrix.Add(index[clips[i].Label], predictions[i]);
        }
        return new EvalResult(matrix, predictions, sw.Elapsed, jobs);
    }
}
