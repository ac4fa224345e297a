using System.Runtime.InteropServices;
using System.Text;
using KwsNano.Audio;

namespace KwsNano.Native;

/// <summary>
/// A streaming session of libkwsnano over one .kwsm blob, the session the device's interop glue owns:
/// kws_model_open on a private copy of the blob, then kws_stream_init in one 16-byte aligned buffer; 32-bit
/// I2S frames in, one int8 network output per inference out. Failures of the native calls come back as
/// <see cref="KwsStatus"/> values, as the glue reports them, not as exceptions.
/// </summary>
public sealed unsafe class NativeStream : IDisposable
{
    private readonly NativeModelMemory _memory;
    private void* _stream;

    private NativeStream(NativeModelMemory memory, void* stream, int classes, KwsQuantNative output, NativeFrontendDesc frontend, string[] labels)
    {
        _memory = memory;
        _stream = stream;
        Classes = classes;
        OutputScale = output.Scale;
        OutputZeroPoint = output.ZeroPoint;
        Frontend = frontend;
        Labels = labels;
    }

    /// <summary>
    /// Opens <paramref name="blob"/> and a stream over it. Returns <see cref="KwsStatus.Ok"/> with the session, or
    /// the status kws_model_open, kws_model_io, kws_model_frontend or kws_stream_init refused it with.
    /// </summary>
    /// <exception cref="DllNotFoundException">libkwsnano cannot be loaded (the message says where it was looked for).</exception>
    public static KwsStatus TryOpen(ReadOnlySpan<byte> blob, out NativeStream? session, NativeLibraryLoader? loader = null)
    {
        session = null;
        if (!(loader ?? NativeLibraryLoader.Default).TryLoad(out string message))
        {
            throw new DllNotFoundException(message);
        }
        var memory = new NativeModelMemory(blob.Length);
        try
        {
            blob.CopyTo(new Span<byte>(memory.Blob, blob.Length));
            var status = (KwsStatus)NativeMethods.kws_model_open(memory.Model, memory.Blob, (uint)blob.Length);
            KwsDimsNative dims = default;
            KwsQuantNative quant = default;
            uint elements = 0;
            NativeFrontendDesc frontend = default;
            if (status == KwsStatus.Ok)
            {
                status = (KwsStatus)NativeMethods.kws_model_io(memory.Model, 1, &dims, &quant, &elements);
            }
            if (status == KwsStatus.Ok)
            {
                status = (KwsStatus)NativeMethods.kws_model_frontend(memory.Model, &frontend);
            }
            void* stream = null;
            if (status == KwsStatus.Ok)
            {
                memory.AllocateArena((int)NativeMethods.kws_stream_buffer_size(memory.Model));
                status = (KwsStatus)NativeMethods.kws_stream_init(&stream, memory.Model, memory.Arena, (uint)memory.ArenaBytes);
            }
            if (status != KwsStatus.Ok)
            {
                memory.Dispose();
                return status;
            }
            session = new NativeStream(memory, stream, (int)elements, quant, frontend, ReadLabels(memory.Model));
            return KwsStatus.Ok;
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    private static string[] ReadLabels(KwsModelNative* model)
    {
        uint count = NativeMethods.kws_model_label_count(model);
        var labels = new string[count];
        for (uint i = 0; i < count; i++)
        {
            byte* text;
            uint length;
            labels[i] = NativeMethods.kws_model_label(model, i, &text, &length) == 0 ? Encoding.UTF8.GetString(text, (int)length) : $"class{i}";
        }
        return labels;
    }

    /// <summary>Classes of the network output.</summary>
    public int Classes { get; }

    /// <summary>Output quantisation scale.</summary>
    public float OutputScale { get; }

    /// <summary>Output quantisation zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>The model's front-end descriptor as the C engine decoded it.</summary>
    public NativeFrontendDesc Frontend { get; }

    /// <summary>Labels, index 0 first ("classN" where the blob has none).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Bytes of the stream buffer (kws_stream_buffer_size: stream state, feature ring and arena).</summary>
    public int StreamBytes => _memory.ArenaBytes;

    /// <summary>The .kwsm header flags (kws_model.flags).</summary>
    public uint Flags => _memory.Model->Flags;

    /// <summary>
    /// Pushes <paramref name="frameCount"/> stereo 32-bit I2S frames (8 bytes each, little-endian) and takes slot
    /// <paramref name="slot"/>; writes one output of <see cref="Classes"/> int8 scores per inference into
    /// <paramref name="outputs"/> (room for <paramref name="maxOutputs"/>) (kws_stream_push_i2s32).
    /// </summary>
    public KwsStatus PushI2s32(ReadOnlySpan<byte> frames, int frameCount, int slot, Span<sbyte> outputs, int maxOutputs, out int produced)
    {
        ObjectDisposedException.ThrowIf(_stream == null, this);
        if (frameCount < 0 || frames.Length < frameCount * 8 || maxOutputs < 0 || outputs.Length < maxOutputs * Classes)
        {
            throw new ArgumentException("frames or outputs too small for the counts given");
        }
        uint n = 0;
        int status;
        fixed (byte* f = frames)
        fixed (sbyte* o = outputs)
        {
            status = NativeMethods.kws_stream_push_i2s32(_stream, (int*)f, (uint)frameCount, slot, o, (uint)maxOutputs, &n);
        }
        produced = (int)n;
        return (KwsStatus)status;
    }

    /// <summary>Forgets buffered audio and features (kws_stream_reset).</summary>
    public KwsStatus Reset()
    {
        ObjectDisposedException.ThrowIf(_stream == null, this);
        return (KwsStatus)NativeMethods.kws_stream_reset(_stream);
    }

    /// <summary>Runs the network every <paramref name="hops"/> hops (kws_stream_set_interval).</summary>
    public KwsStatus SetInterval(uint hops)
    {
        ObjectDisposedException.ThrowIf(_stream == null, this);
        return (KwsStatus)NativeMethods.kws_stream_set_interval(_stream, hops);
    }

    /// <summary>Front-end and network microseconds of the last hop, by the native port clock (kws_stream_last_timing).</summary>
    public void LastTiming(out uint frontendUs, out uint networkUs)
    {
        ObjectDisposedException.ThrowIf(_stream == null, this);
        uint fe = 0, net = 0;
        NativeMethods.kws_stream_last_timing(_stream, &fe, &net);
        frontendUs = fe;
        networkUs = net;
    }

    /// <summary>The native text of a status (kws_status_str), or "status N" when libkwsnano cannot be loaded.</summary>
    public static string StatusText(KwsStatus status) =>
        NativeLibraryLoader.Default.TryLoad(out _) ? NativeMethods.StatusText(status) : $"status {(int)status}";

    /// <inheritdoc />
    public void Dispose()
    {
        if (_stream != null)
        {
            _stream = null;
            _memory.Dispose();
        }
    }
}
