using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace KwsNano.VirtualBoard;

/// <summary>
/// Host implementation of the interop methods of KwsNano.Interop.KwsEngine: the same semantics as the C++
/// glue in kernels-native/interop/nanoframework (copy or map the blob, open it, one stream, at most
/// MaxHopsPerCall hops per call, negative statuses), calling the same C library through P/Invoke. Native
/// calls advance the board's virtual clock by their measured (or modelled) duration.
/// </summary>
public sealed unsafe class NativeEngine : IDisposable
{
    /// <summary>Most hops one ProcessI2s call may perform (KwsEngine.MaxHopsPerCall).</summary>
    public const int MaxHopsPerCall = 4;

    /// <summary>Glue status codes (KwsEngine.Status*).</summary>
    public const int StatusNoModel = 100, StatusOutOfMemory = 101, StatusFlash = 102, StatusNoCapture = 103, StatusArgument = 104;

    /// <summary>.kwsm header: total_size offset and flags offset.</summary>
    private const int TotalSizeOffset = 8, FlagsOffset = 16, HeaderSize = 64;

    private readonly Board _board;
    private void* _blob;
    private void* _model;
    private void* _streamMem;
    private void* _stream;
    private string[] _labels = [];
    private int _classes, _hop, _frameLength, _frames, _sampleRate, _outZeroPoint, _flags, _streamBytes;
    private float _outScale;
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
            NativeMethods.EnsureResolver();
            _blob = NativeMemory.AlignedAlloc((nuint)Math.Max(size, 16), 16);
            Marshal.Copy(blob, 0, (IntPtr)_blob, size);
            _model = NativeMemory.AlignedAlloc(NativeMethods.ModelBytes, 16);
            NativeMemory.Clear(_model, NativeMethods.ModelBytes);
            int status = NativeMethods.ModelOpen(_model, _blob, (uint)size);
            if (status != 0)
            {
                Release();
                return -status;
            }
            NativeMethods.Dims dims;
            NativeMethods.Quant quant;
            uint elements;
            status = NativeMethods.ModelIo(_model, 1, &dims, &quant, &elements);
            if (status != 0)
            {
                Release();
                return -status;
            }
            NativeMethods.FrontendDesc desc;
            status = NativeMethods.ModelFrontend(_model, &desc);
            if (status != 0)
            {
                Release();
                return -status;
            }
            _classes = (int)elements;
            _outScale = quant.Scale;
            _outZeroPoint = quant.ZeroPoint;
            _hop = desc.FrameHop;
            _frameLength = desc.FrameLength;
            _frames = desc.NumFrames;
            _sampleRate = (int)desc.SampleRate;
            _flags = (int)BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(FlagsOffset));
            uint count = NativeMethods.ModelLabelCount(_model);
            _labels = new string[count];
            for (uint i = 0; i < count; i++)
            {
                byte* text;
                uint length;
                _labels[i] = NativeMethods.ModelLabel(_model, i, &text, &length) == 0 ? Encoding.UTF8.GetString(text, (int)length) : $"class{i}";
            }
            uint bytes = NativeMethods.StreamBufferSize(_model);
            _streamBytes = (int)bytes;
            _streamMem = NativeMemory.AlignedAlloc(bytes, 16);
            void* stream;
            status = NativeMethods.StreamInit(&stream, _model, _streamMem, bytes);
            if (status != 0)
            {
                Release();
                return -status;
            }
            _stream = stream;
            Inferences = 0;
            return 0;
        }
        catch (DllNotFoundException e)
        {
            Release();
            _libraryError = "native library libkwsnano not found (build kernels-native for the host or set " + NativeMethods.LibraryPathVariable + "): " + e.Message.Split('\n')[0];
            return -StatusNoModel;
        }
        catch (EntryPointNotFoundException e)
        {
            Release();
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
        info[0] = _classes;
        info[1] = _sampleRate;
        info[2] = _hop;
        info[3] = _frameLength;
        info[4] = _frames;
        info[5] = _outZeroPoint;
        info[6] = _flags;
        info[7] = MaxHopsPerCall * _hop;
        info[8] = _streamBytes;
        return 0;
    }

    /// <summary>Output scale.</summary>
    public float GetOutputScale() => Loaded ? _outScale : 0f;

    /// <summary>Label <paramref name="index"/> or null.</summary>
    public string? GetLabel(int index) => Loaded && index >= 0 && index < _labels.Length ? _labels[index] : null;

    /// <summary>Pushes I2S frames; returns inferences or a negative status.</summary>
    public int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing)
    {
        if (!Loaded)
        {
            return -StatusNoModel;
        }
        if (frames == null || scores == null || timing == null || frameCount < 0 || frameCount > MaxHopsPerCall * _hop
            || frames.Length < frameCount * 8 || scores.Length < _classes || timing.Length < 3 || slot < 0 || slot > 1)
        {
            return -StatusArgument;
        }
        uint produced;
        int status;
        var watch = Stopwatch.StartNew();
        fixed (byte* f = frames)
        fixed (sbyte* s = scores)
        {
            status = NativeMethods.StreamPushI2s32(_stream, (int*)f, (uint)frameCount, slot, s, (uint)(scores.Length / _classes), &produced);
        }
        watch.Stop();
        long measuredUs = (long)(watch.Elapsed.TotalMilliseconds * 1000);
        MeasuredNativeUs += measuredUs;
        if (status != 0)
        {
            return -status;
        }
        long costUs = _board.NativeTime.Cost(measuredUs, (int)produced);
        _board.Clock.Advance(costUs);
        Inferences += produced;
        uint fe = 0, net = 0;
        NativeMethods.StreamLastTiming(_stream, &fe, &net);
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
    public int Reset() => Loaded ? -NativeMethods.StreamReset(_stream) : -StatusNoModel;

    /// <summary>Runs the network every <paramref name="hops"/> hops; 0 or a negative status (as the C++ glue).</summary>
    public int SetInferenceInterval(int hops)
    {
        if (!Loaded)
        {
            return -StatusNoModel;
        }
        return hops <= 0 ? -StatusArgument : -NativeMethods.StreamSetInterval(_stream, (uint)hops);
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
        try
        {
            NativeMethods.EnsureResolver();
            return Marshal.PtrToStringUTF8(NativeMethods.StatusStr(s)) ?? ("status " + s);
        }
        catch (DllNotFoundException)
        {
            return "status " + s;
        }
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
        _board.ReadMicrophone(frames, frameCount, _captureBufferFrames, _board.MicrophoneSlot, true, 32);
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
        if (_streamMem != null) NativeMemory.AlignedFree(_streamMem);
        if (_model != null) NativeMemory.AlignedFree(_model);
        if (_blob != null) NativeMemory.AlignedFree(_blob);
        _streamMem = _model = _blob = _stream = null;
        _labels = [];
    }

    /// <inheritdoc/>
    public void Dispose() => Release();
}
