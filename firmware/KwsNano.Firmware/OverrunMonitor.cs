namespace KwsNano.Firmware
{
    /// <summary>
    /// Detects lost audio without driver support: after every read it compares the clock with the audio
    /// consumed. When the reader lags the microphone by more than the driver buffer holds, samples were lost
    /// (an overrun): it is counted, the stream must be reset, and the reference is re-synchronised.
    /// </summary>
    public class OverrunMonitor
    {
        private readonly long _capacityUs;
        private readonly int _sampleRate;
        private long _startUs;
        private long _frames;
        private bool _started;

        /// <summary>Creates a monitor for a driver buffer of <paramref name="bufferFrames"/> frames at <paramref name="sampleRate"/>.</summary>
        public OverrunMonitor(int bufferFrames, int sampleRate)
        {
            _sampleRate = sampleRate;
            _capacityUs = (long)bufferFrames * 1000000 / sampleRate;
        }

        /// <summary>Overruns seen since boot.</summary>
        public int Overruns { get; private set; }

        /// <summary>Microseconds of audio the driver buffer holds.</summary>
        public long CapacityUs { get { return _capacityUs; } }

        /// <summary>
        /// Records that a read of <paramref name="frames"/> frames returned at <paramref name="nowUs"/>.
        /// Returns true when audio was lost since the previous read.
        /// </summary>
        public bool OnRead(int frames, long nowUs)
        {
            _frames += frames;
            long audioUs = _frames * 1000000 / _sampleRate;
            if (!_started)
            {
                _started = true;
                _startUs = nowUs - audioUs;
                return false;
            }
            long lagUs = (nowUs - _startUs) - audioUs;
            if (lagUs > _capacityUs)
            {
                Overruns++;
                _startUs = nowUs - audioUs;
                return true;
            }
            return false;
        }
    }
}
