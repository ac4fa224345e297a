namespace KwsNano.Firmware
{
    /// <summary>
    /// Where each inference's audio window ends, in samples pushed since the last stream reset. The native
    /// stream computes one MFCC frame per hop (frame f covers samples [f x hop, f x hop + frameLength)) and runs
    /// the network once it holds <c>frames</c> frames and then every <see cref="Interval"/> hops, so inference k
    /// (1-based) ends at sample (frames - 1 + (k - 1) x interval) x hop + frameLength.
    /// </summary>
    public class StreamTimeline
    {
        private readonly int _hop;
        private readonly int _frameLength;
        private readonly int _frames;
        private long _samples;
        private long _inferences;

        /// <summary>Creates a timeline for the stream geometry of the loaded model.</summary>
        public StreamTimeline(int hop, int frameLength, int frames)
        {
            _hop = hop;
            _frameLength = frameLength;
            _frames = frames;
            Interval = 1;
        }

        /// <summary>Hops between two inferences once the window is full (KwsEngine.SetInferenceInterval).</summary>
        public int Interval { get; set; }

        /// <summary>Samples pushed since the last reset.</summary>
        public long Samples { get { return _samples; } }

        /// <summary>Inferences produced since the last reset.</summary>
        public long Inferences { get { return _inferences; } }

        /// <summary>Samples covered by one inference window.</summary>
        public long WindowSamples { get { return (long)(_frames - 1) * _hop + _frameLength; } }

        /// <summary>Records a push of <paramref name="samples"/> samples that produced <paramref name="inferences"/> inferences.</summary>
        public void OnPush(int samples, int inferences)
        {
            _samples += samples;
            _inferences += inferences;
        }

        /// <summary>
        /// Samples between the end of the window of inference <paramref name="indexInPush"/> (0-based among the
        /// <paramref name="producedInPush"/> of the last push) and the last sample pushed.
        /// </summary>
        public long SamplesAfterWindow(int indexInPush, int producedInPush)
        {
            long k = _inferences - producedInPush + indexInPush + 1;
            long end = ((long)(_frames - 1) + (k - 1) * Interval) * _hop + _frameLength;
            return _samples - end;
        }

        /// <summary>Starts again (the native stream was reset).</summary>
        public void Reset()
        {
            _samples = 0;
            _inferences = 0;
        }
    }
}
