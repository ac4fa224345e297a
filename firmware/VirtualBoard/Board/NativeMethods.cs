using System.Reflection;
using System.Runtime.InteropServices;

namespace KwsNano.VirtualBoard;

/// <summary>P/Invoke declarations of the kernels-native C API (kws_nano.h) in the host library libkwsnano.</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "kwsnano";

    /// <summary>Environment variable naming the host library file explicitly.</summary>
    internal const string LibraryPathVariable = "KWS_NATIVE_LIB";

    /// <summary>sizeof(kws_model) is 72 bytes on 64-bit hosts; reserve more.</summary>
    internal const int ModelBytes = 256;

    static NativeMethods()
    {
        NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);
    }

    /// <summary>Forces the static constructor (resolver registration) to run.</summary>
    internal static void EnsureResolver() { }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Dims { public int N, H, W, C; }

    [StructLayout(LayoutKind.Sequential)]
    internal struct Quant { public float Scale; public int ZeroPoint; }

    /// <summary>kws_frontend_desc (kws_nano.h), natural C layout, 56 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct FrontendDesc
    {
        public byte Kind, Window, SampleScaling, LogMode;
        public uint SampleRate;
        public ushort FrameLength, FrameHop, FftSize, MelBins;
        public float MelLowHz, MelHighHz;
        public ushort NumCoeffs, NumFrames;
        public float InputScale;
        public int InputZeroPoint;
        public byte Spectrum, MelFormula, Dct;
        public fixed byte Preset[17];
    }

    [DllImport(Library, EntryPoint = "kws_status_str")]
    internal static extern IntPtr StatusStr(int status);

    [DllImport(Library, EntryPoint = "kws_model_open")]
    internal static extern int ModelOpen(void* model, void* blob, uint size);

    [DllImport(Library, EntryPoint = "kws_model_io")]
    internal static extern int ModelIo(void* model, int isOutput, Dims* dims, Quant* quant, uint* elements);

    [DllImport(Library, EntryPoint = "kws_model_label")]
    internal static extern int ModelLabel(void* model, uint index, byte** text, uint* length);

    [DllImport(Library, EntryPoint = "kws_model_label_count")]
    internal static extern uint ModelLabelCount(void* model);

    [DllImport(Library, EntryPoint = "kws_model_frontend")]
    internal static extern int ModelFrontend(void* model, FrontendDesc* desc);

    [DllImport(Library, EntryPoint = "kws_stream_buffer_size")]
    internal static extern uint StreamBufferSize(void* model);

    [DllImport(Library, EntryPoint = "kws_stream_init")]
    internal static extern int StreamInit(void** stream, void* model, void* mem, uint memSize);

    [DllImport(Library, EntryPoint = "kws_stream_reset")]
    internal static extern int StreamReset(void* stream);

    [DllImport(Library, EntryPoint = "kws_stream_set_interval")]
    internal static extern int StreamSetInterval(void* stream, uint hops);

    [DllImport(Library, EntryPoint = "kws_stream_push_i2s32")]
    internal static extern int StreamPushI2s32(void* stream, int* frames, uint frameCount, int slot, sbyte* outputs, uint maxOutputs, uint* produced);

    [DllImport(Library, EntryPoint = "kws_stream_last_timing")]
    internal static extern int StreamLastTiming(void* stream, uint* frontendUs, uint* networkUs);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }
        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }
        return IntPtr.Zero; // default probing (next to the app, LD_LIBRARY_PATH)
    }

    /// <summary>Where the host library is looked for, in order (then the default probing: LD_LIBRARY_PATH etc.).</summary>
    internal static IEnumerable<string> Candidates()
    {
        var explicitPath = Environment.GetEnvironmentVariable(LibraryPathVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            yield return explicitPath;
        }
        string file = OperatingSystem.IsWindows() ? "kwsnano.dll" : OperatingSystem.IsMacOS() ? "libkwsnano.dylib" : "libkwsnano.so";
        yield return Path.Combine(AppContext.BaseDirectory, file); // copied there by kernels-native/KwsNano.Native.targets
    }
}
