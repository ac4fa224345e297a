using System.Runtime.CompilerServices;

namespace KwsNano.Interop
{
    /// <summary>The native methods of <see cref="KwsEngine"/>, in the order of the native method table.</summary>
    public static partial class KwsEngine
    {
        /// <summary>Validates a .kwsm blob, copies it to native memory and opens a stream over it. Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int LoadModel(byte[] blob);

        /// <summary>Opens a .kwsm blob stored in flash at <paramref name="address"/> in place (at most <paramref name="maxSize"/> bytes). Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int LoadModelFromFlash(uint address, uint maxSize);

        /// <summary>Fills <paramref name="info"/> (at least <see cref="InfoLength"/> entries) with the model facts. Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int GetModelInfo(int[] info);

        /// <summary>Scale of the int8 output tensor (real = scale x (q - zero point)).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern float GetOutputScale();

        /// <summary>Label of class <paramref name="index"/>, or null when out of range or no model.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string GetLabel(int index);

        /// <summary>
        /// Pushes <paramref name="frameCount"/> 32-bit stereo I2S frames (8 bytes each) from slot <paramref name="slot"/>
        /// (0 left, 1 right). For every completed hop the network runs and its int8 scores are appended to
        /// <paramref name="scores"/> (classes bytes per inference). Returns the number of inferences or a negative status.
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing);

        /// <summary>Forgets buffered audio and features (after an overrun). Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Reset();

        /// <summary>Text of a status (positive or negative), never null.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string GetStatusText(int status);

        /// <summary>Microseconds since boot from the native port clock (kws_port_now_us, extended to 64 bits).</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern long NowMicroseconds();

        /// <summary>Starts native I2S capture (STM32 ChibiOS I2S driver) into a ring of <paramref name="bufferFrames"/> frames. Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CaptureStart(int sampleRate, int bufferFrames);

        /// <summary>Waits up to <paramref name="timeoutMs"/> for <paramref name="frameCount"/> captured frames and copies them. Returns frames copied or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CaptureRead(byte[] frames, int frameCount, int timeoutMs);

        /// <summary>Stops native capture. Returns 0 or a negative status.</summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int CaptureStop();

        /// <summary>
        /// Runs the network every <paramref name="hops"/> hops instead of every hop (kws_stream_set_interval; 1 after
        /// loading a model, kept across <see cref="Reset"/>). Features are still computed every hop; the first inference
        /// runs as soon as the window is full. Call after a model is loaded. Returns 0 or a negative status
        /// (argument: 0 or more than the model's frame count).
        /// </summary>
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int SetInferenceInterval(int hops);
    }
}
