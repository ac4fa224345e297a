using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Text;

namespace KwsNano.Native;

/// <summary>
/// The nanoFramework interop session of libkwsnano (kernels-native/interop/nanoframework/kws_nf_session.h): the C
/// code behind every KwsNano.Interop.KwsEngine extern, the same the device glue runs. Each method is one session
/// call with the managed arrays pinned in place (a null array passes as (NULL, 0)); results and statuses are the
/// C values unchanged. Memory comes from the process heap; flash, clock and capture from the
/// <see cref="INativeSessionPlatform"/>. Not thread-safe: one caller at a time.
/// </summary>
public sealed unsafe class NativeSession : IDisposable
{
    private const int LabelCapacity = 256; // above any label the format allows: the C side decides what fits

    [ThreadStatic] private static NativeSession? t_calling;

    private readonly INativeSessionPlatform _platform;
    private void* _session;
    private NativeSessionHooks* _hooks;
    private ExceptionDispatchInfo? _callbackFailure;

    private NativeSession(INativeSessionPlatform platform)
    {
        _platform = platform;
        _hooks = (NativeSessionHooks*)NativeMemory.Alloc((nuint)sizeof(NativeSessionHooks));
        _hooks->Alloc = &OnAlloc;
        _hooks->Release = &OnRelease;
        _hooks->FlashMap = &OnFlashMap;
        _hooks->NowUs64 = &OnNow;
        _hooks->CaptureStart = &OnCaptureStart;
        _hooks->CaptureRead = &OnCaptureRead;
        _hooks->CaptureStop = &OnCaptureStop;
        _session = NativeMemory.AlignedAlloc(NativeMethods.kws_nf_session_size(), 16);
        NativeMethods.Check(NativeMethods.kws_nf_session_init(_session, _hooks), "kws_nf_session_init");
    }

    /// <summary>A session with no model on <paramref name="platform"/>.</summary>
    /// <exception cref="DllNotFoundException">libkwsnano cannot be loaded (the message says where it was looked for).</exception>
    public static NativeSession Create(INativeSessionPlatform platform, NativeLibraryLoader? loader = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        if (!(loader ?? NativeLibraryLoader.Default).TryLoad(out string message))
        {
            throw new DllNotFoundException(message);
        }
        return new NativeSession(platform);
    }

    /// <summary>The session's text of a status, positive or negative (kws_nf_session_status_text).</summary>
    /// <exception cref="DllNotFoundException">libkwsnano cannot be loaded.</exception>
    public static string StatusText(int status)
    {
        if (!NativeLibraryLoader.Default.TryLoad(out string message))
        {
            throw new DllNotFoundException(message);
        }
        return Marshal.PtrToStringUTF8(NativeMethods.kws_nf_session_status_text(status)) ?? "";
    }

    /// <summary>LoadModel: copies and opens a .kwsm blob. 0 or a negative status.</summary>
    public int Load(byte[]? blob)
    {
        int r;
        fixed (byte* b = blob)
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_load(Session, b, (uint)(blob?.Length ?? 0));
        }
        return Checked(r);
    }

    /// <summary>LoadModelFromFlash: opens the blob the platform maps at <paramref name="address"/>. 0 or a negative status.</summary>
    public int LoadFromFlash(uint address, uint maxSize)
    {
        int r;
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_load_flash(Session, address, maxSize);
        }
        return Checked(r);
    }

    /// <summary>GetModelInfo: fills <paramref name="info"/>. 0 or a negative status.</summary>
    public int Info(int[]? info)
    {
        fixed (int* p = info)
        {
            return NativeMethods.kws_nf_session_info(Session, p, (uint)(info?.Length ?? 0));
        }
    }

    /// <summary>GetOutputScale.</summary>
    public float OutputScale() => NativeMethods.kws_nf_session_output_scale(Session);

    /// <summary>GetLabel: label <paramref name="index"/> as the session returns it, or null on a negative status.</summary>
    public string? Label(int index)
    {
        byte* text = stackalloc byte[LabelCapacity];
        int n = NativeMethods.kws_nf_session_label(Session, index, text, LabelCapacity);
        return n < 0 ? null : Encoding.UTF8.GetString(text, n);
    }

    /// <summary>ProcessI2s: pushes frames, appends scores, fills timing. Inferences run or a negative status.</summary>
    public int ProcessI2s(byte[]? frames, int frameCount, int slot, sbyte[]? scores, int[]? timing)
    {
        int r;
        fixed (byte* f = frames)
        fixed (sbyte* s = scores)
        fixed (int* t = timing)
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_process_i2s(Session, f, (uint)(frames?.Length ?? 0), frameCount, slot,
                s, (uint)(scores?.Length ?? 0), t, (uint)(timing?.Length ?? 0));
        }
        return Checked(r);
    }

    /// <summary>Reset. 0 or a negative status.</summary>
    public int Reset() => NativeMethods.kws_nf_session_reset(Session);

    /// <summary>SetInferenceInterval. 0 or a negative status.</summary>
    public int SetInterval(int hops) => NativeMethods.kws_nf_session_set_interval(Session, hops);

    /// <summary>NowMicroseconds: the platform clock through the session.</summary>
    public long NowMicroseconds()
    {
        long r;
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_now_us(Session);
        }
        return Checked(r);
    }

    /// <summary>CaptureStart. 0 or a negative status.</summary>
    public int CaptureStart(int sampleRate, int bufferFrames)
    {
        int r;
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_capture_start(Session, sampleRate, bufferFrames);
        }
        return Checked(r);
    }

    /// <summary>CaptureRead: frames read or a negative status.</summary>
    public int CaptureRead(byte[]? frames, int frameCount, int timeoutMs)
    {
        int r;
        fixed (byte* f = frames)
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_capture_read(Session, f, (uint)(frames?.Length ?? 0), frameCount, timeoutMs);
        }
        return Checked(r);
    }

    /// <summary>CaptureStop. 0 or a negative status.</summary>
    public int CaptureStop()
    {
        int r;
        using (Enter())
        {
            r = NativeMethods.kws_nf_session_capture_stop(Session);
        }
        return Checked(r);
    }

    private void* Session
    {
        get
        {
            ObjectDisposedException.ThrowIf(_session == null, this);
            return _session;
        }
    }

    /// <summary>Makes this session the hooks' target on this thread until the scope ends.</summary>
    private CallScope Enter()
    {
        var scope = new CallScope(t_calling);
        t_calling = this;
        return scope;
    }

    private readonly ref struct CallScope(NativeSession? previous)
    {
        public void Dispose() => t_calling = previous;
    }

    /// <summary>Rethrows what a hook threw during the call (the C code saw a refusal), else returns <paramref name="result"/>.</summary>
    private T Checked<T>(T result)
    {
        var failure = _callbackFailure;
        _callbackFailure = null;
        failure?.Throw();
        return result;
    }

    // Hooks. Exceptions must not cross into C: the first is kept for Checked to rethrow, and C gets a refusal.
    private const int HookRefused = -1;

    private void Fail(Exception e) => _callbackFailure ??= ExceptionDispatchInfo.Capture(e);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void* OnAlloc(nuint bytes) => NativeMemory.Alloc(bytes == 0 ? 1 : bytes);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnRelease(void* block) => NativeMemory.Free(block);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnFlashMap(uint address, uint maxSize, void** blob, uint* size)
    {
        var s = t_calling;
        if (s == null)
        {
            return 1;
        }
        try
        {
            if (!s._platform.TryMapFlash(address, maxSize, out IntPtr b, out uint n))
            {
                return 1;
            }
            *blob = (void*)b;
            *size = n;
            return 0;
        }
        catch (Exception e)
        {
            s.Fail(e);
            return 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static ulong OnNow()
    {
        var s = t_calling;
        try
        {
            return s == null ? 0ul : (ulong)s._platform.NowMicroseconds();
        }
        catch (Exception e)
        {
            s!.Fail(e);
            return 0ul;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCaptureStart(int sampleRate, int bufferFrames)
    {
        var s = t_calling;
        try
        {
            return s == null ? HookRefused : s._platform.CaptureStart(sampleRate, bufferFrames);
        }
        catch (Exception e)
        {
            s!.Fail(e);
            return HookRefused;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCaptureRead(byte* frames, int frameCount, int timeoutMs)
    {
        var s = t_calling;
        try
        {
            // the session checked that `frames` holds frameCount frames
            return s == null ? HookRefused : s._platform.CaptureRead(new Span<byte>(frames, checked(frameCount * 8)), frameCount, timeoutMs);
        }
        catch (Exception e)
        {
            s!.Fail(e);
            return HookRefused;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCaptureStop()
    {
        var s = t_calling;
        try
        {
            return s == null ? HookRefused : s._platform.CaptureStop();
        }
        catch (Exception e)
        {
            s!.Fail(e);
            return HookRefused;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the native session (model, stream, hooks) if the owner did not.</summary>
    ~NativeSession() => Free();

    private void Free()
    {
        if (_session != null)
        {
            NativeMethods.kws_nf_session_release(_session); // calls only the release hook, which needs no session
            NativeMemory.AlignedFree(_session);
            _session = null;
            NativeMemory.Free(_hooks);
            _hooks = null;
        }
    }
}
