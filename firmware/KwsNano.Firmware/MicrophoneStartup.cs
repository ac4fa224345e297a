namespace KwsNano.Firmware
{
    /// <summary>What every microphone does right after it starts.</summary>
    public static class MicrophoneStartup
    {
        /// <summary>
        /// Reads and drops <see cref="BoardProfile.StartupDiscardMs"/> of audio from a started microphone (an INMP441
        /// needs about 2^18 SCK cycles, 256 ms, before its samples are valid), one chunk at a time.
        /// </summary>
        public static void DiscardSettlingAudio(IMicrophone microphone, BoardProfile board)
        {
            int discard = board.SampleRate * board.StartupDiscardMs / 1000;
            byte[] scratch = new byte[board.ChunkFrames * 8];
            while (discard > 0)
            {
                int n = discard < board.ChunkFrames ? discard : board.ChunkFrames;
                microphone.Read(scratch, n);
                discard -= n;
            }
        }
    }
}
