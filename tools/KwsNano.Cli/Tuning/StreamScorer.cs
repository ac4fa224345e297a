using KwsNano.Audio;
using KwsNano.Firmware;
using KwsNano.Inference;
using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Cli.Tuning;

/// <summary>
/// Runs a model once over a stream, as the firmware does: one network output per hop from the model's own
/// front-end, decoded to probabilities by the firmware's <see cref="ScoreDecoder"/>. With libkwsnano this is the
/// device path itself (the native stream API <c>kws_stream_push_i2s32</c> through <see cref="NativeStream"/>, in
/// chunks of at most four hops as the firmware's native calls); without it, the C# front-end and interpreter on every hop's window.
/// </summary>
public static class StreamScorer
{
    /// <summary>Which path produced the scores.</summary>
    public enum Backend
    {
        /// <summary>libkwsnano's stream API (bit-exact with the device).</summary>
        NativeStream,

        /// <summary>C# MFCC and reference interpreter per window.</summary>
        Interpreter,
    }

    /// <summary>
    /// True when the native stream can run <paramref name="blob"/>; otherwise <paramref name="reason"/> says why
    /// (library missing, or the library refuses the model).
    /// </summary>
    public static bool NativeAvailable(byte[] blob, out string reason)
    {
        try
        {
            var status = NativeStream.TryOpen(blob, out var session);
            session?.Dispose();
            reason = status == KwsStatus.Ok ? "" : NativeStream.StatusText(status);
            return status == KwsStatus.Ok;
        }
        catch (DllNotFoundException e)
        {
            reason = e.Message.Split('\n')[0];
            return false;
        }
    }

    /// <summary>Scores <paramref name="stream"/>; <paramref name="progress"/> gets the samples done so far.</summary>
    /// <exception cref="CliException">The native engine refuses the model or a push fails.</exception>
    public static StreamScores Run(byte[] blob, KwsmModel model, TuneStream stream, Backend backend, Action<long>? progress = null) =>
        backend == Backend.NativeStream ? RunNative(blob, stream, progress) : RunInterpreter(blob, model, stream, progress);

    private static StreamScores RunNative(byte[] blob, TuneStream stream, Action<long>? progress)
    {
        var status = NativeStream.TryOpen(blob, out var session);
        if (status != KwsStatus.Ok)
        {
            throw new CliException($"native engine: {NativeStream.StatusText(status)}");
        }
        using (session)
        {
            var fe = session!.Frontend;
            int classes = session.Classes, rate = (int)fe.SampleRate, hop = fe.FrameHop;
            if (rate != stream.SampleRate)
            {
                throw new CliException($"model sample rate {rate} Hz differs from the stream's {stream.SampleRate} Hz");
            }
            var decoder = new ScoreDecoder(classes, session.OutputScale, session.OutputZeroPoint, (session.Flags & (uint)KwsmModelFlags.OutputIsSoftmax) != 0);
            // the firmware's chunking: at most KwsEngine.MaxHopsPerCall hops per native call
            int chunk = KwsNano.Interop.KwsEngine.MaxHopsPerCall * hop;
            int maxOutputs = chunk / hop + 1;
            var i2s = new byte[chunk * 8];
            var scores = new sbyte[maxOutputs * classes];
            var probs = new List<float[]>(stream.Samples.Length / hop + 1);
            var ends = new List<long>(stream.Samples.Length / hop + 1);
            var samples = stream.Samples;
            for (long at = 0; at < samples.Length; at += chunk)
            {
                int n = (int)Math.Min(chunk, samples.Length - at);
                Array.Clear(i2s);
                for (int i = 0; i < n; i++)
                {
                    // left slot, 16-bit sample left-justified in 32 bits (as the virtual I2S microphone delivers it)
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(i2s.AsSpan(i * 8, 4), samples[at + i] << 16);
                }
                status = session.PushI2s32(i2s, n, 0, scores, maxOutputs, out int produced);
                if (status != KwsStatus.Ok)
                {
                    throw new CliException($"native engine at sample {at}: {NativeStream.StatusText(status)}");
                }
                for (int k = 0; k < produced; k++)
                {
                    probs.Add((float[])decoder.Decode(scores, k * classes).Clone());
                    ends.Add((long)(fe.NumFrames - 1 + ends.Count) * hop + fe.FrameLength);
                }
                progress?.Invoke(at + n);
            }
            return new StreamScores([.. probs], [.. ends], rate);
        }
    }

    private static StreamScores RunInterpreter(byte[] blob, KwsmModel model, TuneStream stream, Action<long>? progress)
    {
        var fe = model.Frontend;
        var selection = new InferenceEngineFactory().Create(blob, "model", EnginePreference.Interpreter);
        using var engine = selection.Engine;
        using var features = new FeatureExtractor(fe, false);
        int classes = model.Output.Size;
        var decoder = new ScoreDecoder(classes, model.Output.Scale, model.Output.ZeroPoint, model.Flags.HasFlag(KwsmModelFlags.OutputIsSoftmax));
        int hop = fe.FrameHop;
        int window = features.WindowSamples;
        var probs = new List<float[]>();
        var ends = new List<long>();
        var samples = stream.Samples;
        for (long end = window; end <= samples.Length; end += hop)
        {
            var input = features.Compute(samples.AsSpan((int)(end - window), window));
            var output = engine.Invoke(input);
            probs.Add((float[])decoder.Decode(output, 0).Clone());
            ends.Add(end);
            if (ends.Count % 50 == 0)
            {
                progress?.Invoke(end);
            }
        }
        progress?.Invoke(samples.Length);
        return new StreamScores([.. probs], [.. ends], stream.SampleRate);
    }
}
