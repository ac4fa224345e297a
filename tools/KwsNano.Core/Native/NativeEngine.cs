using System.Text;
using KwsNano.Inference;
using KwsNano.Kwsm;

namespace KwsNano.Native;

/// <summary>
/// The native int8 engine (libkwsnano) behind <see cref="IInferenceEngine"/>: copies the blob into aligned
/// unmanaged memory, validates it with <c>kws_model_open</c>, and runs <c>kws_invoke</c> in an arena it
/// owns. Errors become <see cref="KwsNativeException"/> naming the status. Invoke is serialised (one arena).
/// </summary>
public sealed unsafe class NativeEngine : IInferenceEngine
{
    private readonly NativeModelMemory _memory;
    private readonly string _source;
    private readonly object _lock = new();

    private NativeEngine(NativeModelMemory memory, string source)
    {
        _memory = memory;
        _source = source;
        KwsModelNative* m = memory.Model;
        ArenaBytes = (int)NativeMethods.kws_model_arena_bytes(m);
        Flags = (KwsmModelFlags)m->Flags;
        Input = Io(0);
        Output = Io(1);
        uint count = NativeMethods.kws_model_label_count(m);
        var labels = new string[count];
        for (uint i = 0; i < count; i++)
        {
            byte* text;
            uint length;
            NativeMethods.Check(NativeMethods.kws_model_label(m, i, &text, &length), $"{_source}: kws_model_label({i})");
            labels[i] = Encoding.UTF8.GetString(text, (int)length);
        }
        Labels = labels;
    }

    /// <summary>
    /// Opens <paramref name="blob"/> with the native engine loaded by <paramref name="loader"/> (default:
    /// <see cref="NativeLibraryLoader.Default"/>).
    /// </summary>
    /// <exception cref="KwsNativeException">kws_model_open refused the blob (the status says which rule).</exception>
    /// <exception cref="DllNotFoundException">The native library is not available.</exception>
    public static NativeEngine Open(byte[] blob, string sourceName = "<blob>", NativeLibraryLoader? loader = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!(loader ?? NativeLibraryLoader.Default).TryLoad(out string message))
        {
            throw new DllNotFoundException(message);
        }
        var memory = new NativeModelMemory(blob.Length);
        try
        {
            blob.CopyTo(new Span<byte>(memory.Blob, blob.Length));
            NativeMethods.Check(NativeMethods.kws_model_open(memory.Model, memory.Blob, (uint)blob.Length), $"{sourceName}: kws_model_open");
            // Only a validated header sizes the arena.
            uint arena = NativeMethods.kws_model_arena_bytes(memory.Model);
            if (arena > MaxArenaBytes)
            {
                throw new KwsNativeException($"{sourceName}: arena", KwsStatus.Arena, $"model declares {arena} arena bytes; this host wrapper allocates at most {MaxArenaBytes}");
            }
            memory.AllocateArena((int)arena);
            return new NativeEngine(memory, sourceName);
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    /// <summary>Largest arena the host wrapper allocates (256 MiB; keyword models need kilobytes).</summary>
    public const int MaxArenaBytes = 256 << 20;

    /// <summary>
    /// Runs only the native loader's validation (<c>kws_model_open</c>) on <paramref name="blob"/> and returns
    /// its status (<see cref="KwsStatus.Ok"/> when accepted); allocates no arena.
    /// </summary>
    /// <exception cref="DllNotFoundException">The native library is not available.</exception>
    public static KwsStatus Validate(byte[] blob, NativeLibraryLoader? loader = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (!(loader ?? NativeLibraryLoader.Default).TryLoad(out string message))
        {
            throw new DllNotFoundException(message);
        }
        using var memory = new NativeModelMemory(blob.Length);
        blob.CopyTo(new Span<byte>(memory.Blob, blob.Length));
        return (KwsStatus)NativeMethods.kws_model_open(memory.Model, memory.Blob, (uint)blob.Length);
    }

    /// <summary>Reads a .kwsm file and opens it.</summary>
    public static NativeEngine OpenFile(string path, NativeLibraryLoader? loader = null) =>
        Open(Kwsm.KwsmReader.ReadFileBytes(path), Path.GetFileName(path), loader);

    /// <inheritdoc />
    public string Name => "native";

    /// <summary>Arena bytes the model needs (from the header).</summary>
    public int ArenaBytes { get; }

    /// <inheritdoc />
    public KwsmModelFlags Flags { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels { get; }

    /// <inheritdoc />
    public EngineTensorInfo Input { get; }

    /// <inheritdoc />
    public EngineTensorInfo Output { get; }

    /// <inheritdoc />
    public sbyte[] Invoke(sbyte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new sbyte[Output.Elements];
        Invoke(input, output);
        return output;
    }

    /// <summary>Runs the model on <paramref name="input"/> into <paramref name="output"/> (exact sizes).</summary>
    /// <exception cref="ArgumentException">A buffer length differs from the tensor's element count.</exception>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    public void Invoke(ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != Input.Elements)
        {
            throw new ArgumentException($"{_source}: input has {input.Length} elements, the model input has {Input.Elements}", nameof(input));
        }
        if (output.Length != Output.Elements)
        {
            throw new ArgumentException($"{_source}: output buffer has {output.Length} elements, the model output has {Output.Elements}", nameof(output));
        }
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_memory.IsClosed, this);
            bool added = false;
            _memory.DangerousAddRef(ref added);
            try
            {
                fixed (sbyte* pin = input)
                fixed (sbyte* pout = output)
                {
                    NativeMethods.Check(NativeMethods.kws_invoke(_memory.Model, _memory.Arena, (uint)_memory.ArenaBytes, pin, pout), $"{_source}: kws_invoke");
                }
            }
            finally
            {
                if (added)
                {
                    _memory.DangerousRelease();
                }
            }
        }
    }

    /// <summary>Frees the unmanaged blob copy and arena.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _memory.Dispose();
        }
    }

    private EngineTensorInfo Io(int isOutput)
    {
        KwsDimsNative d;
        KwsQuantNative q;
        uint elements;
        NativeMethods.Check(NativeMethods.kws_model_io(_memory.Model, isOutput, &d, &q, &elements), $"{_source}: kws_model_io");
        // The used dims (rank as stored), read from the validated tensor record.
        int[] dims = isOutput == 0 ? RawDims(_memory.Model->InputTensor) : RawDims(_memory.Model->OutputTensor);
        return new EngineTensorInfo(dims, q.Scale, q.ZeroPoint);
    }

    /// <summary>Used dims of tensor <paramref name="index"/>, read from its (validated) record in the blob.</summary>
    private int[] RawDims(int index)
    {
        byte* rec = (byte*)_memory.Model->Tensors + index * 32;
        int rank = rec[1];
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            dims[i] = rec[4 + 2 * i] | (rec[5 + 2 * i] << 8);
        }
        return dims;
    }
}
