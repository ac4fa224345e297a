using System.Runtime.InteropServices;
using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>
/// The C front-end of libkwsnano (the exact code the device runs) through P/Invoke. One instance owns
/// its native buffer and is not thread-safe: use one per worker.
/// </summary>
public sealed unsafe class NativeFrontend : IDisposable
{
    private const string Lib = Native.NativeMethods.Library;
    private NativeFrontendDesc _desc;
    private void* _mem;
    private readonly IntPtr _fe;

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    private static extern uint kws_frontend_buffer_size(NativeFrontendDesc* desc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    private static extern int kws_frontend_init(IntPtr* frontend, NativeFrontendDesc* desc, void* mem, uint memSize);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    private static extern int kws_frontend_compute_frame(IntPtr frontend, short* samples, float* mfcc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    private static extern int kws_frontend_compute_clip(IntPtr frontend, short* samples, uint count, float* mfcc);

    [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
    private static extern int kws_frontend_quantize(NativeFrontendDesc* desc, float* mfcc, uint count, sbyte* output);

    private static readonly Lazy<bool> Available = new(() =>
    {
        // The engine's loader finds the library (KWS_NATIVE_LIB, next to the app, system search) and
        // routes every "kwsnano" import of this assembly to it, these included.
        if (!Native.NativeLibraryLoader.Default.TryLoad(out _))
        {
            return false;
        }
        try
        {
            var d = new NativeFrontendDesc();
            _ = kws_frontend_buffer_size(&d);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    });

    /// <summary>True when libkwsnano (with the front-end) can be loaded.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>Builds the native front-end tables for <paramref name="frontend"/>.</summary>
    public NativeFrontend(KwsmFrontend frontend)
    {
        KwsmFrontendRules.RequireComputed(frontend, "native front-end");
        Frontend = frontend;
        _desc = NativeFrontendDesc.From(frontend);
        fixed (NativeFrontendDesc* d = &_desc)
        {
            uint size = kws_frontend_buffer_size(d);
            if (size == 0)
            {
                // KwsmFrontendRules accepted it: the C and C# rule sets disagree, which is a bug, not a user error.
                throw new InvalidOperationException($"kws_frontend_buffer_size refused a descriptor KwsmFrontendRules accepts ({frontend.Preset})");
            }
            _mem = NativeMemory.AlignedAlloc(size, 16);
            IntPtr fe;
            int status = kws_frontend_init(&fe, d, _mem, size);
            if (status != 0)
            {
                NativeMemory.AlignedFree(_mem);
                _mem = null;
                throw new InvalidOperationException($"kws_frontend_init failed with status {status}");
            }
            _fe = fe;
        }
    }

    /// <summary>The descriptor the tables were built for.</summary>
    public KwsmFrontend Frontend { get; }

    /// <summary>MFCC of one frame (frame_length samples).</summary>
    public float[] ComputeFrame(ReadOnlySpan<short> frame)
    {
        if (frame.Length < Frontend.FrameLength)
        {
            throw new ArgumentException($"a frame needs {Frontend.FrameLength} samples, got {frame.Length}");
        }
        var mfcc = new float[Frontend.NumCoeffs];
        fixed (short* s = frame)
        fixed (float* m = mfcc)
        {
            Check(kws_frontend_compute_frame(Live(), s, m), "kws_frontend_compute_frame");
        }
        return mfcc;
    }

    /// <summary>Float features of one window (num_frames x num_coeffs) from at least a window of samples.</summary>
    public float[] ComputeWindow(ReadOnlySpan<short> window)
    {
        var mfcc = new float[Frontend.NumFrames * Frontend.NumCoeffs];
        fixed (short* s = window)
        fixed (float* m = mfcc)
        {
            Check(kws_frontend_compute_clip(Live(), s, (uint)window.Length, m), "kws_frontend_compute_clip");
        }
        return mfcc;
    }

    /// <summary>Quantises with the C rule (roundf, clamp) and the descriptor's input scale and zero point.</summary>
    public sbyte[] Quantize(ReadOnlySpan<float> mfcc)
    {
        var q = new sbyte[mfcc.Length];
        fixed (NativeFrontendDesc* d = &_desc)
        fixed (float* m = mfcc)
        fixed (sbyte* o = q)
        {
            Check(kws_frontend_quantize(d, m, (uint)mfcc.Length, o), "kws_frontend_quantize");
        }
        return q;
    }

    private IntPtr Live() => _mem != null ? _fe : throw new ObjectDisposedException(nameof(NativeFrontend));

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{what} failed with status {status}");
        }
    }

    /// <summary>Frees the native buffer.</summary>
    public void Dispose()
    {
        if (_mem != null)
        {
            NativeMemory.AlignedFree(_mem);
            _mem = null;
        }
    }
}
