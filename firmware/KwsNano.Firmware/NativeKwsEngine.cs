using KwsNano.Interop;

namespace KwsNano.Firmware
{
    /// <summary>The real engine: each call goes straight to the native interop method of <see cref="KwsEngine"/>.</summary>
    public sealed class NativeKwsEngine : IKwsEngine
    {
        /// <inheritdoc/>
        public int LoadModelFromFlash(uint address, uint maxSize) { return KwsEngine.LoadModelFromFlash(address, maxSize); }

        /// <inheritdoc/>
        public int GetModelInfo(int[] info) { return KwsEngine.GetModelInfo(info); }

        /// <inheritdoc/>
        public float GetOutputScale() { return KwsEngine.GetOutputScale(); }

        /// <inheritdoc/>
        public string GetLabel(int index) { return KwsEngine.GetLabel(index); }

        /// <inheritdoc/>
        public int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing) { return KwsEngine.ProcessI2s(frames, frameCount, slot, scores, timing); }

        /// <inheritdoc/>
        public int Reset() { return KwsEngine.Reset(); }

        /// <inheritdoc/>
        public int SetInferenceInterval(int hops) { return KwsEngine.SetInferenceInterval(hops); }

        /// <inheritdoc/>
        public string GetStatusText(int status) { return KwsEngine.GetStatusText(status); }

        /// <inheritdoc/>
        public long NowMicroseconds() { return KwsEngine.NowMicroseconds(); }
    }
}
