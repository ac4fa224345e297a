using System.Runtime.InteropServices;

namespace KwsNano.Native;

/// <summary>Mirror of <c>kws_nf_hooks</c> (kws_nf_session.h): the platform functions the session calls, in field order.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeSessionHooks
{
    public delegate* unmanaged[Cdecl]<nuint, void*> Alloc;
    public delegate* unmanaged[Cdecl]<void*, void> Release;
    public delegate* unmanaged[Cdecl]<uint, uint, void**, uint*, int> FlashMap;
    public delegate* unmanaged[Cdecl]<ulong> NowUs64;
    public delegate* unmanaged[Cdecl]<int, int, int> CaptureStart;
    public delegate* unmanaged[Cdecl]<byte*, int, int, int> CaptureRead;
    public delegate* unmanaged[Cdecl]<int> CaptureStop;
}
