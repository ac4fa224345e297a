// Virtual-board half of nanoFramework.Runtime.Native.SystemInfo (surface: firmware/ApiSurface/nanoFramework.Runtime.Native).
using KwsNano.VirtualBoard;

namespace nanoFramework.Runtime.Native;

public static partial class SystemInfo
{
    public static partial string TargetName => Board.Current.TargetName;

    public static partial string Platform => Board.Current.Platform;

    public static partial string OEMString => "KwsNano virtual board";
}
