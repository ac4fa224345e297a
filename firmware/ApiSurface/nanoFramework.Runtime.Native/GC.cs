namespace nanoFramework.Runtime.Native
{
    /// <summary>Garbage collector control.</summary>
    public static partial class GC
    {
        /// <summary>Runs a collection; returns the free managed heap in bytes.</summary>
        public static partial uint Run(bool compactHeap);

        /// <summary>Turns the collector's log messages on or off.</summary>
        public static partial void EnableGCMessages(bool enable);
    }
}
