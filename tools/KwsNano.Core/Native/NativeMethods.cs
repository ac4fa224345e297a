using System.Runtime.InteropServices;

namespace KwsNano.Native;

/// <summary>Mirror of <c>kws_model</c> (kws_nano.h): pointers into the blob, filled by kws_model_open.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KwsModelNative
{
    public IntPtr Blob;
    public uint Size;
    public uint Flags;
    public uint ArenaBytes;
    public ushort TensorCount;
    public ushort OpCount;
    public ushort InputTensor;
    public ushort OutputTensor;
    public IntPtr Labels;
    public IntPtr Frontend;
    public IntPtr Tensors;
    public IntPtr Ops;
    public IntPtr FeTables;
    public uint FeTablesSize;
}

/// <summary>Mirror of <c>kws_dims</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KwsDimsNative
{
    public int N, H, W, C;
}

/// <summary>Mirror of <c>kws_quant</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KwsQuantNative
{
    public float Scale;
    public int ZeroPoint;
}

/// <summary>P/Invoke declarations of the native engine (libkwsnano); resolved by <see cref="NativeLibraryLoader"/>.</summary>
internal static unsafe class NativeMethods
{
    /// <summary>Library name the DllImport resolver maps to the loaded file.</summary>
    public const string Library = "kwsnano";

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr kws_status_str(int status);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_conv2d_s8_opt_buffer_size(KwsDimsNative* input, KwsDimsNative* filter);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_conv2d_1x1_s8_inplace_buffer_size(KwsDimsNative* dims);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(KwsDimsNative* dims);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_model_open(KwsModelNative* model, void* blob, uint size);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_model_arena_bytes(KwsModelNative* model);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_model_io(KwsModelNative* model, int isOutput, KwsDimsNative* dims, KwsQuantNative* quant, uint* elements);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_model_label_count(KwsModelNative* model);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_model_label(KwsModelNative* model, uint index, byte** text, uint* length);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_invoke(KwsModelNative* model, void* arena, uint arenaSize, sbyte* input, sbyte* output);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_model_frontend(KwsModelNative* model, Audio.NativeFrontendDesc* desc);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_stream_buffer_size(KwsModelNative* model);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_stream_init(void** stream, KwsModelNative* model, void* mem, uint memSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_stream_reset(void* stream);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_stream_set_interval(void* stream, uint hops);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_stream_push_i2s32(void* stream, int* frames, uint frameCount, int slot, sbyte* outputs, uint maxOutputs, uint* produced);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_stream_last_timing(void* stream, uint* frontendUs, uint* networkUs);

    // The nanoFramework interop session (kernels-native/interop/nanoframework/kws_nf_session.h).

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern uint kws_nf_session_size();

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_init(void* session, NativeSessionHooks* hooks);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern void kws_nf_session_release(void* session);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_load(void* session, byte* blob, uint size);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_load_flash(void* session, uint address, uint maxSize);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_info(void* session, int* info, uint infoLength);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern float kws_nf_session_output_scale(void* session);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_label(void* session, int index, byte* text, uint capacity);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_process_i2s(void* session, byte* frames, uint framesBytes, int frameCount, int slot,
                                                        sbyte* scores, uint scoresLength, int* timing, uint timingLength);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_reset(void* session);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_set_interval(void* session, int hops);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr kws_nf_session_status_text(int status);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern long kws_nf_session_now_us(void* session);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_capture_start(void* session, int sampleRate, int bufferFrames);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_capture_read(void* session, byte* frames, uint framesBytes, int frameCount, int timeoutMs);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    public static extern int kws_nf_session_capture_stop(void* session);

    /// <summary>The native text of a status.</summary>
    public static string StatusText(KwsStatus status) => Marshal.PtrToStringUTF8(kws_status_str((int)status)) ?? "";

    /// <summary>Throws <see cref="KwsNativeException"/> unless <paramref name="status"/> is KWS_OK.</summary>
    public static void Check(int status, string operation)
    {
        if (status != 0)
        {
            var s = (KwsStatus)status;
            throw new KwsNativeException(operation, s, StatusText(s));
        }
    }
}
