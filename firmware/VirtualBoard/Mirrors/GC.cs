// Virtual-board half of nanoFramework.Runtime.Native.GC (surface: firmware/ApiSurface/nanoFramework.Runtime.Native).
using KwsNano.VirtualBoard;

namespace nanoFramework.Runtime.Native;

public static partial class GC
{
    /// <remarks>Virtual board: returns <see cref="Board.FreeHeapBytes"/>.</remarks>
    public static partial uint Run(bool compactHeap) => Board.Current.FreeHeapBytes;

    public static partial void EnableGCMessages(bool enable)
    {
    }
}
