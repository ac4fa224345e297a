namespace KwsNano.Firmware
{
    /// <summary>A source of 32-bit stereo I2S frames (8 bytes: left slot, right slot) at the board's sample rate.</summary>
    public interface IMicrophone
    {
        /// <summary>Starts capturing and discards the microphone's start-up samples.</summary>
        void Start();

        /// <summary>Fills <paramref name="buffer"/> with exactly <paramref name="frameCount"/> frames, blocking until they arrived. Returns the frames read.</summary>
        int Read(byte[] buffer, int frameCount);

        /// <summary>Frames the driver buffers while the application is busy (beyond that, audio is lost).</summary>
        int BufferFrames { get; }

        /// <summary>Stops capturing.</summary>
        void Stop();
    }
}
