using KwsNano.Interop;

namespace KwsNano.Firmware
{
    /// <summary>
    /// "interval auto" at boot: feeds digital silence through the stream at interval 1, one hop per call, until the
    /// network ran twice, and keeps the larger of the measured front-end and network times; then resets the stream.
    /// Runs before the microphone starts (about one window of front-end work plus two inferences). A port clock that
    /// reads 0 gives times of 0 (and so interval 1).
    /// </summary>
    public sealed class IntervalCalibration
    {
        private readonly IKwsEngine _engine;

        /// <summary>Calibrates <paramref name="engine"/>, which has a model loaded.</summary>
        public IntervalCalibration(IKwsEngine engine)
        {
            _engine = engine;
        }

        /// <summary>Largest network time seen, µs (-1 before <see cref="Run"/>).</summary>
        public int NetworkUs { get; private set; } = -1;

        /// <summary>Largest front-end time of a hop seen, µs (-1 before <see cref="Run"/>).</summary>
        public int FrontendUs { get; private set; } = -1;

        /// <summary>The status that stopped the calibration (negative), or 0 when it completed.</summary>
        public int FailedStatus { get; private set; }

        /// <summary>
        /// Measures with <paramref name="scores"/> and <paramref name="timing"/> as scratch; <paramref name="windowHops"/>
        /// is the number of hops in the model's window. Returns false when the engine refused a call (FailedStatus).
        /// </summary>
        public bool Run(ModelInfo model, int windowHops, sbyte[] scores, int[] timing)
        {
            _engine.SetInferenceInterval(1);
            byte[] silence = new byte[model.Hop * KwsEngine.BytesPerFrame];
            int calls = windowHops + 2;
            int inferences = 0;
            int frontendUs = 0;
            int networkUs = 0;
            for (int call = 0; call < calls && inferences < 2; call++)
            {
                int produced = _engine.ProcessI2s(silence, model.Hop, 0, scores, timing);
                if (produced < 0)
                {
                    FailedStatus = produced;
                    _engine.Reset();
                    return false;
                }
                if (produced > 0)
                {
                    inferences += produced;
                    networkUs = Max(networkUs, timing[KwsEngine.TimingNetworkUs]);
                    frontendUs = Max(frontendUs, timing[KwsEngine.TimingFrontendUs]);
                }
            }
            _engine.Reset();
            NetworkUs = networkUs;
            FrontendUs = frontendUs;
            return true;
        }

        private static int Max(int a, int b)
        {
            return a > b ? a : b;
        }
    }
}
