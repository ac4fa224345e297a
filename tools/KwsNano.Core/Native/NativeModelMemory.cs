using System.Runtime.InteropServices;

namespace KwsNano.Native;

/// <summary>
/// Unmanaged memory owned by a <see cref="NativeEngine"/>: the kws_model struct, a 16-byte aligned copy of
/// the blob (the native model points into it) and the 16-byte aligned arena, in one aligned block freed
/// exactly once when the handle is released.
/// </summary>
internal sealed unsafe class NativeModelMemory : SafeHandle
{
    private const int Align = 16;

    public NativeModelMemory(int blobBytes, int arenaBytes)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        ModelOffset = 0;
        BlobOffset = AlignUp(sizeof(KwsModelNative));
        ArenaOffset = AlignUp(BlobOffset + blobBytes);
        TotalBytes = ArenaOffset + Math.Max(arenaBytes, Align);
        BlobBytes = blobBytes;
        ArenaBytes = arenaBytes;
        void* p = NativeMemory.AlignedAlloc((nuint)TotalBytes, Align);
        NativeMemory.Clear(p, (nuint)TotalBytes);
        SetHandle((IntPtr)p);
    }

    public int ModelOffset { get; }
    public int BlobOffset { get; }
    public int ArenaOffset { get; }
    public int TotalBytes { get; }
    public int BlobBytes { get; }
    public int ArenaBytes { get; }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public KwsModelNative* Model => (KwsModelNative*)((byte*)handle + ModelOffset);
    public byte* Blob => (byte*)handle + BlobOffset;
    public byte* Arena => (byte*)handle + ArenaOffset;

    /// <summary>Rounds up to the 16-byte alignment.</summary>
    public static int AlignUp(int v) => (v + Align - 1) & ~(Align - 1);

    protected override bool ReleaseHandle()
    {
        NativeMemory.AlignedFree((void*)handle);
        return true;
    }
}
