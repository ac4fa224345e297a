using System.Collections;

namespace KwsNano.Firmware
{
    /// <summary>
    /// Detector settings and keyword actions, parsed from text by <see cref="ActionConfigParser"/>
    /// (format in docs/serial-log.md, "Action configuration"). Changing it needs a managed redeploy only.
    /// </summary>
    public class ActionConfig
    {
        /// <summary>Default probability a smoothed keyword score must reach.</summary>
        public const float DefaultThresholdValue = 0.75f;
        /// <summary>
        /// Default moving-average window in hops (10 hops of 20 ms = 200 ms). Chosen with <c>kwsnano tune</c> on the
        /// Speech Commands test clips: against 5 hops it keeps the detection rate (ds_cnn_s 90.8 % vs 90.0 %,
        /// micronet_m 94.4 % vs 93.6 %) and cuts wrong detections about 3x and false ones by a quarter to a half;
        /// longer windows lose micronet_m's marginal "no" in recordings/yes_no_go_stop.wav (docs/serial-log.md).
        /// </summary>
        public const int DefaultSmoothing = 10;
        /// <summary>Default time after a detection during which nothing else fires.</summary>
        public const int DefaultRefractoryMs = 900;
        /// <summary>Default period of the statistics line.</summary>
        public const int DefaultStatsIntervalMs = 10000;
        /// <summary>Value of <see cref="InferenceInterval"/> meaning "choose from the measured native times at start-up".</summary>
        public const int AutoInferenceInterval = 0;
        /// <summary>Default hops per inference: automatic (<see cref="IntervalPlanner"/>).</summary>
        public const int DefaultInferenceInterval = AutoInferenceInterval;

        private readonly ArrayList _actions = new ArrayList();
        private readonly ArrayList _thresholdKeywords = new ArrayList();
        private readonly ArrayList _thresholdValues = new ArrayList();

        /// <summary>Creates a configuration with defaults and no actions.</summary>
        public ActionConfig()
        {
            DefaultThreshold = DefaultThresholdValue;
            SmoothingWindow = DefaultSmoothing;
            RefractoryMs = DefaultRefractoryMs;
            StatsIntervalMs = DefaultStatsIntervalMs;
            InferenceInterval = DefaultInferenceInterval;
            ReleaseRatio = 0.5f;
        }

        /// <summary>Threshold for keywords without their own.</summary>
        public float DefaultThreshold { get; set; }

        /// <summary>
        /// Moving-average window in hops of audio: the average covers the inferences of the last SmoothingWindow
        /// hops, ceil(SmoothingWindow / interval) of them (at least 1; <see cref="IntervalPlanner.SmoothingInferences"/>).
        /// </summary>
        public int SmoothingWindow { get; set; }

        /// <summary>Milliseconds after a detection during which no keyword fires.</summary>
        public int RefractoryMs { get; set; }

        /// <summary>
        /// A keyword that fired fires again only after its smoothed score fell below
        /// threshold x ReleaseRatio (so one long utterance fires once).
        /// </summary>
        public float ReleaseRatio { get; set; }

        /// <summary>Milliseconds between statistics lines (0 = never).</summary>
        public int StatsIntervalMs { get; set; }

        /// <summary>
        /// Hops per inference: the native stream computes features every hop but runs the network only every
        /// InferenceInterval-th hop (KwsEngine.SetInferenceInterval), so a board whose inference takes longer
        /// than a hop keeps up. <see cref="AutoInferenceInterval"/> (0, the default): the app measures one hop's
        /// front-end time and one inference at start-up and takes the smallest interval that keeps up
        /// (<see cref="IntervalPlanner.Choose"/>).
        /// </summary>
        public int InferenceInterval { get; set; }

        /// <summary>Number of actions.</summary>
        public int ActionCount { get { return _actions.Count; } }

        /// <summary>Action <paramref name="index"/> in file order.</summary>
        public KeywordAction GetAction(int index)
        {
            return (KeywordAction)_actions[index];
        }

        /// <summary>Adds an action.</summary>
        public void AddAction(KeywordAction action)
        {
            _actions.Add(action);
        }

        /// <summary>Sets the threshold of <paramref name="keyword"/> (replacing an earlier one).</summary>
        public void SetThreshold(string keyword, float threshold)
        {
            for (int i = 0; i < _thresholdKeywords.Count; i++)
            {
                if ((string)_thresholdKeywords[i] == keyword)
                {
                    _thresholdValues[i] = threshold;
                    return;
                }
            }
            _thresholdKeywords.Add(keyword);
            _thresholdValues.Add(threshold);
        }

        /// <summary>Threshold of <paramref name="keyword"/>: its own, else <see cref="DefaultThreshold"/>.</summary>
        public float ThresholdFor(string keyword)
        {
            for (int i = 0; i < _thresholdKeywords.Count; i++)
            {
                if ((string)_thresholdKeywords[i] == keyword)
                {
                    return (float)_thresholdValues[i];
                }
            }
            return DefaultThreshold;
        }
    }
}
