using System;
using System.Device.Gpio;
using System.Threading;
using KwsNano.Interop;

namespace KwsNano.Firmware
{
    /// <summary>
    /// The application: microphone -> native engine (front-end + network, one call per chunk) -> smoothing ->
    /// detection -> GPIO actions and serial log. A missing or invalid model is reported on the serial port and
    /// by the status LED; the app stays up. Overruns are counted and the stream restarted, never fatal.
    /// Call <see cref="Start"/> once, then <see cref="Step"/> forever (one audio chunk per call).
    /// </summary>
    public class KwsApp
    {
        private readonly BoardProfile _board;
        private readonly IKwsEngine _engine;
        private readonly IMicrophone _mic;
        private readonly GpioController _gpio;
        private readonly ActionConfig _config;
        private readonly DetectionLog _log;
        private readonly RunStats _stats = new RunStats();
        private readonly BlinkPattern _errorPattern = BlinkPattern.ModelError();

        private bool _modelOk;
        private bool _micOk;
        private byte[] _frames;
        private int _chunkFrames;
        private sbyte[] _scores;
        private int[] _timing;
        private string[] _labels;
        private ScoreDecoder _decoder;
        private PosteriorSmoother _smoother;
        private KeywordDetector _detector;
        private StreamTimeline _timeline;
        private ActionRunner _actions;
        private OverrunMonitor _overruns;
        private GpioPin _led;
        private bool _ledOn;
        private long _nextStatsUs;
        private int _calibratedNetworkUs = -1;
        private int _calibratedFrontendUs = -1;

        /// <summary>Creates the app from its parts (see <see cref="CreateForBoard"/> for the usual wiring).</summary>
        public KwsApp(BoardProfile board, IKwsEngine engine, IMicrophone microphone, GpioController gpio, ActionConfig config, ILineWriter output)
        {
            _board = board;
            _engine = engine;
            _mic = microphone;
            _gpio = gpio;
            _config = config;
            _log = new DetectionLog(output);
        }

        /// <summary>
        /// Wires the app for <paramref name="board"/>: the platform's <paramref name="microphone"/> (each app project
        /// passes its own: I2S on ESP32, native capture on STM32), the native engine, a new GpioController, and the action configuration
        /// parsed from <paramref name="configText"/> (a bad configuration is reported and the defaults without actions
        /// are used).
        /// </summary>
        public static KwsApp CreateForBoard(BoardProfile board, IMicrophone microphone, string configText, ILineWriter output)
        {
            NativeKwsEngine engine = new NativeKwsEngine();
            ActionConfig config;
            try
            {
                config = ActionConfigParser.Parse(configText);
            }
            catch (ConfigException e)
            {
                output.WriteLine(DetectionLog.FormatError(engine.NowMicroseconds(), "config", 0, e.Message));
                config = new ActionConfig();
            }
            return new KwsApp(board, engine, microphone, new GpioController(), config, output);
        }

        /// <summary>True once a model is loaded and the pipeline runs.</summary>
        public bool ModelLoaded { get { return _modelOk; } }

        /// <summary>Counters since boot.</summary>
        public RunStats Stats { get { return _stats; } }

        /// <summary>Labels of the loaded model (null before a model loaded).</summary>
        public string[] Labels { get { return _labels; } }

        /// <summary>Loads the model from flash, builds the pipeline and starts the microphone.</summary>
        public void Start()
        {
            if (_board.StatusLedPin >= 0)
            {
                _led = _gpio.OpenPin(_board.StatusLedPin, PinMode.Output);
                _led.Write(PinValue.Low);
            }
            _modelOk = LoadModel();
            try
            {
                _mic.Start();
                _micOk = true;
            }
            catch (Exception e)
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "microphone", 0, e.Message));
            }
            _overruns = new OverrunMonitor(_mic.BufferFrames, _board.SampleRate);
            if (_frames == null)
            {
                _chunkFrames = _board.ChunkFrames;
                _frames = new byte[_chunkFrames * KwsEngine.BytesPerFrame];
            }
            _nextStatsUs = _engine.NowMicroseconds() + (long)_config.StatsIntervalMs * 1000;
        }

        private bool LoadModel()
        {
            int status = _engine.LoadModelFromFlash(_board.ModelFlashAddress, _board.ModelFlashMaxBytes);
            if (status < 0)
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "model", status, _engine.GetStatusText(status)));
                return false;
            }
            int[] raw = new int[KwsEngine.InfoLength];
            status = _engine.GetModelInfo(raw);
            if (status < 0)
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "model", status, _engine.GetStatusText(status)));
                return false;
            }
            ModelInfo info = new ModelInfo(raw);
            if (info.SampleRate != _board.SampleRate)
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "model", 0,
                    "model sample rate " + info.SampleRate.ToString() + " Hz differs from the microphone's " + _board.SampleRate.ToString() + " Hz"));
                return false;
            }
            int classes = info.Classes;
            int hop = info.Hop;
            _labels = new string[classes];
            for (int i = 0; i < classes; i++)
            {
                string label = _engine.GetLabel(i);
                _labels[i] = label == null ? "class" + i.ToString() : label;
            }
            _chunkFrames = _board.ChunkFrames;
            if (_chunkFrames > info.MaxFramesPerCall)
            {
                _chunkFrames = info.MaxFramesPerCall;
            }
            _frames = new byte[_chunkFrames * KwsEngine.BytesPerFrame];
            _scores = new sbyte[(_chunkFrames / hop + 1) * classes];
            _timing = new int[KwsEngine.TimingLength];
            _decoder = new ScoreDecoder(classes, _engine.GetOutputScale(), info.OutputZeroPoint, info.OutputIsSoftmax);
            _detector = new KeywordDetector(_labels, _config);
            _timeline = new StreamTimeline(hop, info.FrameLength, info.Frames);
            int rate = _board.SampleRate;
            int hopUs = (int)((long)hop * 1000000 / rate);
            int interval = _config.InferenceInterval;
            if (interval == ActionConfig.AutoInferenceInterval)
            {
                interval = ChooseInterval(info, hopUs);
            }
            status = _engine.SetInferenceInterval(interval);
            if (status < 0)
            {
                // e.g. more hops than the model's window has frames: keep running every hop, say so
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "interval", status,
                    "interval " + interval.ToString() + ": " + _engine.GetStatusText(status) + "; running every hop"));
                _engine.SetInferenceInterval(1);
                interval = 1;
            }
            _timeline.Interval = interval;
            _smoother = new PosteriorSmoother(classes, IntervalPlanner.SmoothingInferences(_config.SmoothingWindow, interval));
            _actions = new ActionRunner(_config, _gpio);
            _log.Write(DetectionLog.FormatBoot(_engine.NowMicroseconds(), _board.Name, "flash@0x" + _board.ModelFlashAddress.ToString("X"), classes,
                hop * 1000 / rate, (int)(_timeline.WindowSamples * 1000 / rate), _chunkFrames * 1000 / rate,
                interval, _config.InferenceInterval == ActionConfig.AutoInferenceInterval, _calibratedNetworkUs, _calibratedFrontendUs));
            return true;
        }

        /// <summary>
        /// "interval auto": measures the engine (<see cref="IntervalCalibration"/>) and lets <see cref="IntervalPlanner"/>
        /// choose; a refused calibration or a board that cannot keep up is reported.
        /// </summary>
        private int ChooseInterval(ModelInfo info, int hopUs)
        {
            IntervalCalibration calibration = new IntervalCalibration(_engine);
            if (!calibration.Run(info, (int)(_timeline.WindowSamples / info.Hop), _scores, _timing))
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "interval", calibration.FailedStatus,
                    "calibration: " + _engine.GetStatusText(calibration.FailedStatus) + "; running every hop"));
                return 1;
            }
            _calibratedNetworkUs = calibration.NetworkUs;
            _calibratedFrontendUs = calibration.FrontendUs;
            int interval = IntervalPlanner.Choose(hopUs, calibration.FrontendUs, calibration.NetworkUs, info.Frames);
            if (!IntervalPlanner.Fits(interval, hopUs, calibration.FrontendUs, calibration.NetworkUs))
            {
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "interval", 0,
                    "an inference takes " + calibration.NetworkUs.ToString() + " us: even every " + interval.ToString() + " hops the board cannot keep up; expect overruns"));
            }
            return interval;
        }

        /// <summary>Processes one audio chunk: read, detect overruns, run the engine, smooth, detect, act, log.</summary>
        public void Step()
        {
            if (!_micOk)
            {
                UpdateErrorLed(_engine.NowMicroseconds());
                Thread.Sleep(100);
                return;
            }
            int frames = _mic.Read(_frames, _chunkFrames);
            long readUs = _engine.NowMicroseconds();
            if (_overruns.OnRead(frames, readUs))
            {
                _stats.Overruns = _overruns.Overruns;
                _log.Write(DetectionLog.FormatOverrun(readUs, _overruns.Overruns));
                if (_modelOk)
                {
                    RestartStream();
                }
            }
            if (!_modelOk)
            {
                UpdateErrorLed(readUs);
                MaybeReportStats(readUs);
                return;
            }
            int produced = _engine.ProcessI2s(_frames, frames, _board.MicrophoneSlot, _scores, _timing);
            if (produced < 0)
            {
                _stats.AddError();
                _log.Write(DetectionLog.FormatError(_engine.NowMicroseconds(), "process", produced, _engine.GetStatusText(produced)));
                RestartStream();
                return;
            }
            _timeline.OnPush(frames, produced);
            _stats.AddInferences(produced);
            int classes = _labels.Length;
            for (int i = 0; i < produced; i++)
            {
                float[] smoothed = _smoother.Add(_decoder.Decode(_scores, i * classes));
                long windowEndUs = readUs - _timeline.SamplesAfterWindow(i, produced) * 1000000 / _board.SampleRate;
                int hit = _detector.Process(smoothed, windowEndUs);
                if (hit >= 0)
                {
                    _actions.Execute(_labels[hit], _engine.NowMicroseconds());
                    long edgeUs = _engine.NowMicroseconds();
                    long latencyUs = edgeUs - windowEndUs;
                    _stats.AddDetection(latencyUs);
                    _log.Write(DetectionLog.FormatDetection(edgeUs, _labels[hit], smoothed[hit], latencyUs,
                        _timing[KwsEngine.TimingNetworkUs], _timing[KwsEngine.TimingFrontendUs]));
                }
            }
            long nowUs = _engine.NowMicroseconds();
            _actions.Poll(nowUs);
            MaybeReportStats(nowUs);
        }

        /// <summary>Writes the statistics line now.</summary>
        public void ReportStats()
        {
            _log.Write(DetectionLog.FormatStats(_engine.NowMicroseconds(), _stats, nanoFramework.Runtime.Native.GC.Run(false)));
        }

        /// <summary>Start, then process audio forever (the device entry point).</summary>
        public void Run()
        {
            Start();
            while (true)
            {
                Step();
            }
        }

        private void RestartStream()
        {
            _engine.Reset();
            _timeline.Reset();
            _smoother.Reset();
            _detector.Reset();
        }

        private void MaybeReportStats(long nowUs)
        {
            if (_config.StatsIntervalMs > 0 && nowUs >= _nextStatsUs)
            {
                ReportStats();
                _nextStatsUs = nowUs + (long)_config.StatsIntervalMs * 1000;
            }
        }

        private void UpdateErrorLed(long nowUs)
        {
            if (_led == null)
            {
                return;
            }
            bool on = _errorPattern.IsOn(nowUs);
            if (on != _ledOn)
            {
                _led.Write(on ? PinValue.High : PinValue.Low);
                _ledOn = on;
            }
        }
    }
}
