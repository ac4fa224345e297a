using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KwsNano.Interop;
using KwsNano.Native;

namespace KwsNano.VirtualBoard;

/// <summary>
/// The board side of KwsNano.Interop.KwsEngine: every extern runs the device's C session
/// (kernels-native/interop/nanoframework/kws_nf_session.c) in libkwsnano through <see cref="NativeSession"/>, with
/// this board as its platform: virtual flash (mapped like the ESP32 port maps its partition), the virtual clock and
/// the microphone. What stays here is the simulation: native calls advance the virtual clock by their measured (or
/// modelled) duration, and a deterministic time model reports its own costs in the timing slots.
/// </summary>
public sealed unsafe class NativeEngine : INativeSessionPlatform, IDisposable
{
    private readonly Board _board;
    private NativeSession? _session;
    private string? _libraryError;
    private byte[]? _mapped; // pinned (POH): the session reads the flash model in place
    private int _hop;
    private int _classes;
    private bool _captureStarted;
    private int _captureBufferFrames;

    internal NativeEngine(Board board) => _board = board;

    /// <summary>Inferences run since the board started.</summary>
    public long Inferences { get; private set; }

    /// <summary>Called with every inference after the native call that ran it (null: nobody watches).</summary>
    public Action<InferenceScores>? InferenceObserver { get; set; }

    /// <summary>Host microseconds spent in native pushes.</summary>
    public long MeasuredNativeUs { get; private set; }

    /// <summary>The session, created on first use; null when libkwsnano cannot be loaded (the reason is kept for GetStatusText).</summary>
    private NativeSession? Session
    {
        get
        {
            if (_session == null && _libraryError == null)
            {
                try
                {
                    _session = NativeSession.Create(this);
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    _libraryError = "native library libkwsnano not usable (build kernels-native for the host or set KWS_NATIVE_LIB): " + e.Message.Split('\n')[0];
                }
            }
            return _session;
        }
    }

    /// <summary>LoadModel.</summary>
    public int LoadModel(byte[]? blob) => AfterLoad(Session?.Load(blob));

    /// <summary>LoadModelFromFlash.</summary>
    public int LoadModelFromFlash(uint address, uint maxSize) => AfterLoad(Session?.LoadFromFlash(address, maxSize));

    private int AfterLoad(int? status)
    {
        _hop = 0;
        _classes = 0;
        if (status is not int s)
        {
            return -KwsEngine.StatusNoModel;
        }
        if (s == 0)
        {
            var info = new int[KwsEngine.InfoLength];
            _session!.Info(info);
            _hop = info[KwsEngine.InfoHop];
            _classes = info[KwsEngine.InfoClasses];
        }
        return s;
    }

    /// <summary>GetModelInfo.</summary>
    public int GetModelInfo(int[]? info) => Session?.Info(info) ?? -KwsEngine.StatusNoModel;

    /// <summary>GetOutputScale.</summary>
    public float GetOutputScale() => Session?.OutputScale() ?? 0f;

    /// <summary>GetLabel.</summary>
    public string? GetLabel(int index) => Session?.Label(index);

    /// <summary>ProcessI2s; the call costs virtual time (see <see cref="NativeTimeModel"/>).</summary>
    public int ProcessI2s(byte[]? frames, int frameCount, int slot, sbyte[]? scores, int[]? timing)
    {
        var session = Session;
        if (session == null)
        {
            return -KwsEngine.StatusNoModel;
        }
        var watch = Stopwatch.StartNew();
        int produced = session.ProcessI2s(frames, frameCount, slot, scores, timing);
        watch.Stop();
        if (produced < 0)
        {
            return produced;
        }
        long measuredUs = (long)(watch.Elapsed.TotalMilliseconds * 1000);
        MeasuredNativeUs += measuredUs;
        long costUs = _board.NativeTime.Cost(measuredUs, produced);
        _board.Clock.Advance(costUs);
        Inferences += produced;
        _board.NativeTime.Report(timing!, _hop > 0 ? frameCount / _hop : 0, produced, costUs);
        if (InferenceObserver is { } observe && _classes > 0 && scores != null && timing != null)
        {
            for (int i = 0; i < produced; i++)
            {
                observe(new InferenceScores(_board.Clock.NowUs, scores.AsSpan(i * _classes, _classes).ToArray(),
                    timing[KwsEngine.TimingNetworkUs], timing[KwsEngine.TimingFrontendUs]));
            }
        }
        return produced;
    }

    /// <summary>Reset.</summary>
    public int Reset() => Session?.Reset() ?? -KwsEngine.StatusNoModel;

    /// <summary>SetInferenceInterval.</summary>
    public int SetInferenceInterval(int hops) => Session?.SetInterval(hops) ?? -KwsEngine.StatusNoModel;

    /// <summary>GetStatusText: the session's text; without libkwsnano, why it could not be loaded.</summary>
    public string GetStatusText(int status)
    {
        if (Session == null)
        {
            return Math.Abs((long)status) == KwsEngine.StatusNoModel ? _libraryError! : $"status {status} (libkwsnano not loaded)";
        }
        return NativeSession.StatusText(status);
    }

    /// <summary>NowMicroseconds (through the session, which reads this board's clock).</summary>
    public long NowMicroseconds() => Session?.NowMicroseconds() ?? _board.Clock.NowUs;

    /// <summary>CaptureStart.</summary>
    public int CaptureStart(int sampleRate, int bufferFrames) => Session?.CaptureStart(sampleRate, bufferFrames) ?? -KwsEngine.StatusNoCapture;

    /// <summary>CaptureRead.</summary>
    public int CaptureRead(byte[]? frames, int frameCount, int timeoutMs) => Session?.CaptureRead(frames, frameCount, timeoutMs) ?? -KwsEngine.StatusNoCapture;

    /// <summary>CaptureStop.</summary>
    public int CaptureStop() => Session?.CaptureStop() ?? 0;

    // ---- the platform (kws_nf_port.h) of the virtual board ----

    /// <inheritdoc />
    /// <remarks>
    /// As kws_nf_port_esp32.c: reads the header at <paramref name="address"/>, refuses erased flash, a non-model or a
    /// total_size outside [header, <paramref name="maxSize"/>], and maps total_size bytes (erased 0xFF past what was written).
    /// </remarks>
    bool INativeSessionPlatform.TryMapFlash(uint address, uint maxSize, out IntPtr blob, out uint size)
    {
        blob = IntPtr.Zero;
        size = 0;
        byte[]? region = _board.Flash.At(address);
        if (region == null || region.Length < 16 || !region.AsSpan(0, 4).SequenceEqual("KWSM"u8))
        {
            return false;
        }
        uint total = BinaryPrimitives.ReadUInt32LittleEndian(region.AsSpan(8));
        if (total < 64 || total > maxSize)
        {
            return false;
        }
        _mapped = GC.AllocateUninitializedArray<byte>((int)total, pinned: true);
        _mapped.AsSpan().Fill(0xFF);
        region.AsSpan(0, (int)Math.Min(total, (uint)region.Length)).CopyTo(_mapped);
        blob = (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_mapped));
        size = total;
        return true;
    }

    /// <inheritdoc />
    long INativeSessionPlatform.NowMicroseconds() => _board.Clock.NowUs;

    /// <inheritdoc />
    int INativeSessionPlatform.CaptureStart(int sampleRate, int bufferFrames)
    {
        if (sampleRate != (_board.Audio?.SampleRate ?? 16000))
        {
            return -KwsEngine.StatusArgument;
        }
        _captureStarted = true;
        _captureBufferFrames = bufferFrames;
        return 0;
    }

    /// <inheritdoc />
    int INativeSessionPlatform.CaptureRead(Span<byte> frames, int frameCount, int timeoutMs)
    {
        if (!_captureStarted)
        {
            return -KwsEngine.StatusNoCapture;
        }
        _board.ReadMicrophoneFrames(frames, frameCount, _captureBufferFrames, _board.MicrophoneSlot);
        return frameCount;
    }

    /// <inheritdoc />
    int INativeSessionPlatform.CaptureStop()
    {
        _captureStarted = false;
        return 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
        _mapped = null;
    }
}
