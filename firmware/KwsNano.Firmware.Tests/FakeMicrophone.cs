using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    /// <summary>
    /// A microphone that returns silence and advances the clock by the audio it delivered, plus <see cref="StallUs"/>
    /// once (a late reader: the driver buffer overflowed).
    /// </summary>
    public sealed class FakeMicrophone : IMicrophone
    {
        private readonly FakeClock _clock;
        private readonly int _sampleRate;

        /// <summary>A microphone at <paramref name="sampleRate"/> with a driver buffer of <paramref name="bufferFrames"/> frames.</summary>
        public FakeMicrophone(FakeClock clock, int sampleRate, int bufferFrames)
        {
            _clock = clock;
            _sampleRate = sampleRate;
            BufferFrames = bufferFrames;
        }

        /// <inheritdoc/>
        public int BufferFrames { get; }

        /// <summary>Added to the clock before the next read returns, then cleared.</summary>
        public long StallUs;

        /// <summary>Throws from <see cref="Start"/> when set.</summary>
        public bool FailStart;

        /// <summary>Reads so far.</summary>
        public int Reads;

        /// <inheritdoc/>
        public void Start()
        {
            if (FailStart)
            {
                throw new System.InvalidOperationException("no microphone");
            }
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int frameCount)
        {
            Reads++;
            _clock.NowUs += StallUs + (long)frameCount * 1000000 / _sampleRate;
            StallUs = 0;
            for (int i = 0; i < frameCount * 8; i++)
            {
                buffer[i] = 0;
            }
            return frameCount;
        }

        /// <inheritdoc/>
        public void Stop()
        {
        }
    }
}
