namespace KwsNano.Interop
{
    /// <summary>
    /// The native keyword-spotting engine (kernels-native) reached through nanoFramework native interop.
    /// Every method is implemented in C++ in the custom firmware image
    /// (kernels-native/interop/nanoframework/KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp).
    /// Methods returning int return a value &gt;= 0 on success and a negative status on failure;
    /// <see cref="GetStatusText"/> turns a status into text. Every call is bounded in time: one call
    /// processes at most <see cref="MaxHopsPerCall"/> hops of audio.
    /// Keep this class free of managed methods: the native method table and its checksum depend on it.
    /// This file holds the constants (the virtual board compiles it too, so they are written once in C#; their C
    /// definitions are in kws_nf_session.h); KwsEngine.Native.cs holds the native methods.
    /// </summary>
    public static partial class KwsEngine
    {
        /// <summary>Most hops (network runs) one <see cref="ProcessI2s"/> call may perform.</summary>
        public const int MaxHopsPerCall = 4;

        /// <summary>Bytes of one I2S frame: two 32-bit slots (left, right).</summary>
        public const int BytesPerFrame = 8;

        /// <summary>Glue status: no model is loaded.</summary>
        public const int StatusNoModel = 100;
        /// <summary>Glue status: the stream memory could not be allocated.</summary>
        public const int StatusOutOfMemory = 101;
        /// <summary>Glue status: the flash region could not be mapped or holds no model.</summary>
        public const int StatusFlash = 102;
        /// <summary>Glue status: native audio capture is not available on this target.</summary>
        public const int StatusNoCapture = 103;
        /// <summary>Glue status: an argument (array too small, frame count above the limit) is invalid.</summary>
        public const int StatusArgument = 104;

        /// <summary>Index of the class count in the array filled by <see cref="GetModelInfo"/>.</summary>
        public const int InfoClasses = 0;
        /// <summary>Index of the sample rate (Hz).</summary>
        public const int InfoSampleRate = 1;
        /// <summary>Index of the hop (samples between two MFCC frames; the network runs every interval-th hop).</summary>
        public const int InfoHop = 2;
        /// <summary>Index of the front-end frame length (samples).</summary>
        public const int InfoFrameLength = 3;
        /// <summary>Index of the number of frames in the network input window.</summary>
        public const int InfoFrames = 4;
        /// <summary>Index of the output zero point.</summary>
        public const int InfoOutputZeroPoint = 5;
        /// <summary>Index of the model flags (.kwsm header; bit 2 = output is a softmax).</summary>
        public const int InfoFlags = 6;
        /// <summary>Index of the largest frame count one <see cref="ProcessI2s"/> call accepts.</summary>
        public const int InfoMaxFramesPerCall = 7;
        /// <summary>Index of the bytes of native memory the stream uses.</summary>
        public const int InfoStreamBytes = 8;
        /// <summary>Length of the array <see cref="GetModelInfo"/> fills.</summary>
        public const int InfoLength = 9;

        /// <summary>Index in the timing array of the front-end microseconds of the last hop.</summary>
        public const int TimingFrontendUs = 0;
        /// <summary>Index of the network microseconds of the last hop.</summary>
        public const int TimingNetworkUs = 1;
        /// <summary>Index of the microseconds of the whole call.</summary>
        public const int TimingCallUs = 2;
        /// <summary>Length of the timing array.</summary>
        public const int TimingLength = 3;
    }
}
