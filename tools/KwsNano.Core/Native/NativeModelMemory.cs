using System.Runtime.InteropServices;

namespace KwsNano.Native;

/// <summary>
/// Unmanaged memory owned by a <see cref="NativeEngine"/> or a <see cref="NativeStream"/>: one 16-byte aligned
/// block with the kws_model struct and a copy of the blob (the native model points into it), and, once the
/// blob is validated, a separate 16-byte aligned work block of exactly the size the model needs (the arena, or
/// a stream's buffer, which holds its arena). Both are freed exactly once when the handle is released.
/// </summary>
internal sealed unsafe class NativeModelMemory : SafeHandle
{
    private const int Align = 16;
    private void* _arena;

    public NativeModelMemory(int blobBytes)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        BlobOffset = AlignUp(sizeof(KwsModelNative));
        BlobBytes = blobBytes;
        int total = BlobOffset + Math.Max(blobBytes, Align);
        void* p = NativeMemory.AlignedAlloc((nuint)total, Align);
        NativeMemory.Clear(p, (nuint)total);
        SetHandle((IntPtr)p);
    }

    public int BlobOffset { get; }
    public int BlobBytes { get; }

    /// <summary>Arena bytes allocated by <see cref="AllocateArena"/> (0 before).</summary>
    public int ArenaBytes { get; private set; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public KwsModelNative* Model => (KwsModelNative*)handle;
    public byte* Blob => (byte*)handle + BlobOffset;
    public byte* Arena => (byte*)_arena;

    /// <summary>Allocates the (zeroed) work block; called once, after kws_model_open accepted the blob.</summary>
    public void AllocateArena(int bytes)
    {
        if (_arena != null)
        {
            throw new InvalidOperationException("arena already allocated");
        }
        _arena = NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, Align), Align);
        NativeMemory.Clear(_arena, (nuint)Math.Max(bytes, Align));
        ArenaBytes = bytes;
    }

    /// <summary>Rounds up to the 16-byte alignment.</summary>
    public static int AlignUp(int v) => (v + Align - 1) & ~(Align - 1);

    protected override bool ReleaseHandle()
    {
        if (_arena != null)
        {
            NativeMemory.AlignedFree(_arena);
            _arena = null;
        }
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
