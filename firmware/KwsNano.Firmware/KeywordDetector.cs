namespace KwsNano.Firmware
{
    /// <summary>
    /// Turns smoothed class probabilities into detections. A keyword fires when it is the best keyword class
    /// and its smoothed probability reaches its threshold. Then nothing fires for the refractory time, and the
    /// same keyword fires again only after its score fell below threshold x release ratio, so one utterance
    /// (seen by many overlapping inference windows) fires exactly once.
    /// </summary>
    public class KeywordDetector
    {
        private readonly string[] _labels;
        private readonly bool[] _isKeyword;
        private readonly float[] _thresholds;
        private readonly bool[] _armed;
        private readonly long _refractoryUs;
        private readonly float _releaseRatio;
        private long _quietUntilUs;
        private bool _anyFired;

        /// <summary>Creates a detector over the model's labels with the thresholds and timing of <paramref name="config"/>.</summary>
        public KeywordDetector(string[] labels, ActionConfig config)
        {
            _labels = labels;
            _isKeyword = new bool[labels.Length];
            _thresholds = new float[labels.Length];
            _armed = new bool[labels.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                _isKeyword[i] = IsKeywordLabel(labels[i]);
                _thresholds[i] = config.ThresholdFor(labels[i]);
                _armed[i] = true;
            }
            _refractoryUs = (long)config.RefractoryMs * 1000;
            _releaseRatio = config.ReleaseRatio;
        }

        /// <summary>
        /// True for labels that are keywords; false for the filler classes (<c>_silence_</c>, <c>_unknown_</c>,
        /// any label starting with '_', and micro_speech's <c>silence</c> / <c>unknown</c>).
        /// </summary>
        public static bool IsKeywordLabel(string label)
        {
            if (label == null || label.Length == 0 || label[0] == '_')
            {
                return false;
            }
            return label != "silence" && label != "unknown";
        }

        /// <summary>Threshold in effect for class <paramref name="index"/>.</summary>
        public float ThresholdOf(int index)
        {
            return _thresholds[index];
        }

        /// <summary>
        /// Examines one smoothed inference taken at <paramref name="timeUs"/>. Returns the class index that fires,
        /// or -1.
        /// </summary>
        public int Process(float[] smoothed, long timeUs)
        {
            int best = -1;
            for (int i = 0; i < _labels.Length; i++)
            {
                if (!_isKeyword[i])
                {
                    continue;
                }
                if (!_armed[i] && smoothed[i] < _thresholds[i] * _releaseRatio)
                {
                    _armed[i] = true;
                }
                if (best < 0 || smoothed[i] > smoothed[best])
                {
                    best = i;
                }
            }
            if (best < 0 || (_anyFired && timeUs < _quietUntilUs))
            {
                return -1;
            }
            if (!_armed[best] || smoothed[best] < _thresholds[best])
            {
                return -1;
            }
            _armed[best] = false;
            _anyFired = true;
            _quietUntilUs = timeUs + _refractoryUs;
            return best;
        }

        /// <summary>Re-arms every keyword and ends any refractory period.</summary>
        public void Reset()
        {
            for (int i = 0; i < _armed.Length; i++)
            {
                _armed[i] = true;
            }
            _anyFired = false;
        }
    }
}
