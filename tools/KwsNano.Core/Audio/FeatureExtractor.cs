using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>
/// The int8 model input [num_frames x num_coeffs] for one clip, computed as the board does: the native
/// C front-end when libkwsnano is present (or the double-precision <see cref="Mfcc"/> otherwise, or
/// when asked; <see cref="Microfrontend"/> for micro_speech, kind 3, from a fresh noise estimate). Clips are fitted to one window (16,000 samples for every Arm preset) the way Speech
/// Commands training does: longer clips keep their first window, shorter ones are zero-padded at the end.
/// Not thread-safe (the native front-end has one work buffer): use one instance per worker.
/// </summary>
public sealed class FeatureExtractor : IDisposable
{
    private readonly Mfcc? _managed;
    private readonly Microfrontend? _micro;
    private readonly NativeFrontend? _native;

    /// <summary>Creates an extractor for <paramref name="frontend"/>; <paramref name="useNative"/> null = native when available.</summary>
    public FeatureExtractor(KwsmFrontend frontend, bool? useNative = null)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        Frontend = frontend;
        bool native = useNative ?? NativeFrontend.IsAvailable;
        if (native)
        {
            _native = new NativeFrontend(frontend);
        }
        else if (frontend.Kind == 3)
        {
            _micro = new Microfrontend(frontend);
        }
        else
        {
            _managed = new Mfcc(frontend);
        }
    }

    /// <summary>The descriptor (from the model) features are computed for.</summary>
    public KwsmFrontend Frontend { get; }

    /// <summary>True when features come from the native C front-end.</summary>
    public bool IsNative => _native != null;

    /// <summary>Samples of one window: frame_length + (num_frames - 1) * hop.</summary>
    public int WindowSamples => Frontend.FrameLength + (Frontend.NumFrames - 1) * Frontend.FrameHop;

    /// <summary>Trims to, or zero-pads at the end to, <paramref name="samples"/> samples.</summary>
    public static short[] FitToWindow(ReadOnlySpan<short> clip, int samples)
    {
        var window = new short[samples];
        clip[..Math.Min(samples, clip.Length)].CopyTo(window);
        return window;
    }

    /// <summary>Float MFCC features of the clip's first window, frame by frame.</summary>
    public float[] ComputeFloat(ReadOnlySpan<short> clip)
    {
        short[] window = FitToWindow(clip, WindowSamples);
        if (_native != null)
        {
            return _native.ComputeWindow(window);
        }
        if (_micro != null)
        {
            return Array.ConvertAll(_micro.ComputeWindow(window), v => (float)v);
        }
        double[] d = _managed!.ComputeWindow(window);
        return Array.ConvertAll(d, v => (float)v);
    }

    /// <summary>The quantised int8 model input of the clip's first window.</summary>
    public sbyte[] Compute(ReadOnlySpan<short> clip)
    {
        short[] window = FitToWindow(clip, WindowSamples);
        if (_native != null)
        {
            return _native.Quantize(_native.ComputeWindow(window));
        }
        if (_micro != null)
        {
            return Array.ConvertAll(_micro.ComputeWindow(window), v => Microfrontend.ToInt8(v));
        }
        double[] d = _managed!.ComputeWindow(window);
        var q = new sbyte[d.Length];
        for (int i = 0; i < d.Length; i++)
        {
            q[i] = Mfcc.Quantize(d[i], Frontend.InputScale, Frontend.InputZeroPoint);
        }
        return q;
    }

    /// <summary>Releases the native buffer, if any.</summary>
    public void Dispose() => _native?.Dispose();
}
