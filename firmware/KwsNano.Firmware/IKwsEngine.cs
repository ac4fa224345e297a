namespace KwsNano.Firmware
{
    /// <summary>
    /// The native engine as the app uses it: the calls of KwsNano.Interop.KwsEngine the pipeline makes, behind an
    /// interface so the app's decisions can be tested with a fake (<see cref="NativeKwsEngine"/> is the real one).
    /// Integer results are &gt;= 0 on success and a negative status on failure, as the interop methods return them.
    /// </summary>
    public interface IKwsEngine
    {
        /// <summary>Opens the .kwsm blob stored in flash at <paramref name="address"/> (at most <paramref name="maxSize"/> bytes).</summary>
        int LoadModelFromFlash(uint address, uint maxSize);

        /// <summary>Fills the info array (KwsEngine.InfoLength entries).</summary>
        int GetModelInfo(int[] info);

        /// <summary>Scale of the int8 output tensor.</summary>
        float GetOutputScale();

        /// <summary>Label of class <paramref name="index"/>, or null.</summary>
        string GetLabel(int index);

        /// <summary>Pushes 32-bit stereo frames; returns the number of inferences (scores appended) or a negative status.</summary>
        int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing);

        /// <summary>Forgets buffered audio and features.</summary>
        int Reset();

        /// <summary>Runs the network every <paramref name="hops"/> hops.</summary>
        int SetInferenceInterval(int hops);

        /// <summary>Text of a status.</summary>
        string GetStatusText(int status);

        /// <summary>Microseconds since boot.</summary>
        long NowMicroseconds();
    }
}
