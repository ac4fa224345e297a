using System.Diagnostics;
using KwsNano.Audio;

namespace KwsNano.Eval;

/// <summary>
/// Classifies labelled clips on every core: Parallel.For with one classifier (front-end + engine)
/// per worker, created by a factory, and counts a confusion matrix over the model's labels.
/// </summary>
public static class EvalRunner
{
    /// <summary>
    /// Runs <paramref name="clips"/> through classifiers from <paramref name="factory"/>. Every clip
    /// label must be one of <paramref name="labels"/>. <paramref name="progress"/> receives the number
    /// of clips done so far (from worker threads).
    /// </summary>
    public static EvalResult Run(IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> labels, Func<ClipClassifier> factory,
        int jobs, Action<int>? progress = null)
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
                    predictions[i] = classifier.Classify(audio.Samples).Top;
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
