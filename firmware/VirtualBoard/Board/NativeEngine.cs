using System.Buffers.Binary;
using System.Diagnostics;
using KwsNano.Native;

namespace KwsNano.VirtualBoard;

/// <summary>
/// Host implementation of the interop methods of KwsNano.Interop.KwsEngine: the same semantics as the C++
/// glue in kernels-native/interop/nanoframework (copy or map the blob, open it, one stream, at most
/// MaxHopsPerCall hops per call, negative statuses), calling the same C library through
/// <see cref="NativeStream"/>. Native calls advance the board's virtual clock by their measured (or modelled)
/// duration.
/// </summary>
public sealed class NativeEngine : IDisposable
{
    /// <summary>Most hops one ProcessI2s call may perform (KwsEngine.MaxHopsPerCall).</summary>
    public const int MaxHopsPerCall = 4;

    /// <summary>Glue status codes (KwsEngine.Status*).</summary>
    public const int StatusNoModel = 100, StatusOutOfMemory = 101, StatusFlash = 102, StatusNoCapture = 103, StatusArgument = 104;

    /// <summary>.kwsm header: total_size offset.</summary>
    private const int TotalSizeOffset = 8, HeaderSize = 64;

    private readonly Board _board;
    private NativeStream? _stream;
    private int _hop;
    private bool _captureStarted;
    private int _captureBufferFrames;
    private string? _libraryError;

    internal NativeEngine(Board board) => _board = board;

    /// <summary>True once a model is open.</summary>
    public bool Loaded => _stream != null;

    /// <summary>Inferences run since the model was loaded.</summary>
    public long Inferences { get; private set; }

    /// <summary>Host microseconds spent in native pushes.</summary>
    public long MeasuredNativeUs { get; private set; }

    /// <summary>Copies and opens a .kwsm blob.</summary>
    public int LoadModel(byte[]? blob)
    {
        if (blob == null)
        {
            return -StatusArgument;
        }
        return Open(blob, blob.Length);
    }

    /// <summary>Opens the blob written to virtual flash at <paramref name="address"/>.</summary>
    public int LoadModelFromFlash(uint address, uint maxSize)
    {
        byte[]? region = _board.Flash.At(address);
        if (region == null || region.Length < HeaderSize)
        {
            _libraryError = $"no model in flash at 0x{address:X} (erased)";
            return -StatusFlash;
        }
        uint total = BinaryPrimitives.ReadUInt32LittleEndian(region.AsSpan(TotalSizeOffset));
        if (total > maxSize || total > region.Length)
        {
            _libraryError = $"model at 0x{address:X} claims {total} bytes; the region holds {Math.Min(maxSize, (uint)region.Length)}";
            return -StatusFlash;
        }
        return Open(region, (int)total);
    }

    private int Open(byte[] blob, int size)
    {
        Release();
        try
        {
            var status = NativeStream.TryOpen(blob.AsSpan(0, size), out _stream);
            if (status != KwsStatus.Ok)
            {
                return -(int)status;
            }
            _hop = _stream!.Frontend.FrameHop;
            Inferences = 0;
            return 0;
        }
        catch (DllNotFoundException e)
        {
            _libraryError = "native library libkwsnano not found (build kernels-native for the host or set KWS_NATIVE_LIB): " + e.Message.Split('\n')[0];
            return -StatusNoModel;
        }
        catch (EntryPointNotFoundException e)
        {
            _libraryError = "native library libkwsnano lacks an entry point: " + e.Message.Split('\n')[0];
            return -StatusNoModel;
        }
    }

    /// <summary>Fills the model facts (KwsEngine.Info* layout).</summary>
    public int GetModelInfo(int[] info)
    {
        if (!Loaded)
        {
            return -StatusNoModel;
        }
        if (info == null || info.Length < 9)
        {
            return -StatusArgument;
        }
        var s = _stream!;
        info[0] = s.Classes;
        info[1] = (int)s.Frontend.SampleRate;
        info[2] = _hop;
        info[3] = s.Frontend.FrameLength;
        info[4] = s.Frontend.NumFrames;
        info[5] = s.OutputZeroPoint;
        info[6] = (int)s.Flags;
        info[7] = MaxHopsPerCall * _hop;
        info[8] = s.StreamBytes;
        return 0;
    }

    /// <summary>Output scale.</summary>
    public float GetOutputScale() => _stream?.OutputScale ?? 0f;

    /// <summary>Label <paramref name="index"/> or null.</summary>
    public string? GetLabel(int index) => _stream != null && index >= 0 && index < _stream.Labels.Count ? _stream.Labels[index] : null;

    /// <summary>Pushes I2S frames; returns inferences or a negative status.</summary>
    public int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing)
    {
        if (!Loaded)
        {
            return -StatusNoModel;
        }
        if (frames == null || scores == null || timing == null || frameCount < 0 || frameCount > MaxHopsPerCall * _hop
            || frames.Length < frameCount * 8 || scores.Length < _stream!.Classes || timing.Length < 3 || slot < 0 || slot > 1)
        {
            return -StatusArgument;
        }
        var watch = Stopwatch.StartNew();
        var status = _stream.PushI2s32(frames, frameCount, slot, scores, scores.Length / _stream.Classes, out int produced);
        watch.Stop();
        long measuredUs = (long)(watch.Elapsed.TotalMilliseconds * 1000);
        MeasuredNativeUs += measuredUs;
        if (status != KwsStatus.Ok)
        {
            return -(int)status;
        }
        long costUs = _board.NativeTime.Cost(measuredUs, produced);
        _board.Clock.Advance(costUs);
        Inferences += produced;
        _stream.LastTiming(out uint fe, out uint net);
        if (!_board.NativeTime.Measured)
        {
            // Deterministic time model: report its costs, not the host clock's, so the firmware sees one world.
            long hops = frameCount / _hop;
            fe = hops > 0 ? (uint)(_board.NativeTime.PerCallUs / hops) : 0;
            net = produced > 0 ? (uint)_board.NativeTime.PerInferenceUs : 0;
        }
        else if (fe == 0 && net == 0 && produced > 0)
        {
            // The host port clock may read 0: report the per-inference share of the call instead.
            net = (uint)(costUs / produced);
        }
        timing[0] = (int)fe;
        timing[1] = (int)net;
        timing[2] = (int)costUs;
        return (int)produced;
    }

    /// <summary>Resets the stream.</summary>
    public int Reset() => _stream != null ? -(int)_stream.Reset() : -StatusNoModel;

    /// <summary>Runs the network every <paramref name="hops"/> hops; 0 or a negative status (as the C++ glue).</summary>
    public int SetInferenceInterval(int hops)
    {
        if (!Loaded)
        {
            return -StatusNoModel;
        }
        return hops <= 0 ? -StatusArgument : -(int)_stream!.SetInterval((uint)hops);
    }

    /// <summary>Status text.</summary>
    public string GetStatusText(int status)
    {
        int s = Math.Abs(status);
        switch (s)
        {
            case 0: return "ok";
            case StatusNoModel: return _libraryError ?? "no model loaded";
            case StatusOutOfMemory: return "out of memory for the stream";
            case StatusFlash: return _libraryError ?? "no valid model in flash";
            case StatusNoCapture: return "native capture not started";
            case StatusArgument: return "invalid argument (array too small or too many frames for one call)";
        }
        return NativeStream.StatusText((KwsStatus)s);
    }

    /// <summary>Virtual microseconds since boot.</summary>
    public long NowMicroseconds() => _board.Clock.NowUs;

    /// <summary>Starts capture from the board microphone.</summary>
    public int CaptureStart(int sampleRate, int bufferFrames)
    {
        if (sampleRate != (_board.Audio?.SampleRate ?? 16000) || bufferFrames < 1)
        {
            return -StatusArgument;
        }
        _captureStarted = true;
        _captureBufferFrames = bufferFrames;
        return 0;
    }

    /// <summary>Reads captured frames (waits in virtual time).</summary>
    public int CaptureRead(byte[] frames, int frameCount, int timeoutMs)
    {
        if (!_captureStarted)
        {
            return -StatusNoCapture;
        }
        if (frames == null || frameCount < 0 || frames.Length < frameCount * 8)
        {
            return -StatusArgument;
        }
        _board.ReadMicrophoneFrames(frames, frameCount, _captureBufferFrames, _board.MicrophoneSlot);
        return frameCount;
    }

    /// <summary>Stops capture.</summary>
    public int CaptureStop()
    {
        _captureStarted = false;
        return 0;
    }

    private void Release()
    {
        _stream?.Dispose();
        _stream = null;
    }

    /// <inheritdoc/>
    public void Dispose() => Release();
}
