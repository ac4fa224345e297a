using KwsNano.Firmware;
using KwsNano.Interop;

namespace KwsNano.Firmware.Tests
{
    /// <summary>
    /// An engine with scripted answers: a 3-class model (silence, yes, no) at 16 kHz, hop 320, 49 frames; each
    /// ProcessI2s call produces one inference per completed hop with <see cref="Scores"/> and the timings
    /// <see cref="NetworkUs"/> / <see cref="FrontendUs"/>, or returns <see cref="NextProcessStatus"/> once.
    /// </summary>
    public sealed class FakeEngine : IKwsEngine
    {
        private readonly FakeClock _clock;
        private int _pendingFrames;

        /// <summary>An engine on <paramref name="clock"/>.</summary>
        public FakeEngine(FakeClock clock)
        {
            _clock = clock;
        }

        /// <summary>Result of LoadModelFromFlash.</summary>
        public int LoadStatus;

        /// <summary>Sample rate the model reports.</summary>
        public int SampleRate = 16000;

        /// <summary>Int8 scores of every inference (3 classes).</summary>
        public sbyte[] Scores = new sbyte[] { 127, -128, -128 };

        /// <summary>Network time reported per inference, µs.</summary>
        public int NetworkUs = 1000;

        /// <summary>Front-end time reported per hop, µs.</summary>
        public int FrontendUs = 100;

        /// <summary>Returned once by the next ProcessI2s (0: none).</summary>
        public int NextProcessStatus;

        /// <summary>Returned by SetInferenceInterval for any value above this (0: accept all).</summary>
        public int MaxInterval;

        /// <summary>Calls of Reset.</summary>
        public int Resets;

        /// <summary>Calls of ProcessI2s.</summary>
        public int ProcessCalls;

        /// <summary>The interval last set.</summary>
        public int Interval = 1;

        /// <inheritdoc/>
        public int LoadModelFromFlash(uint address, uint maxSize) { return LoadStatus; }

        /// <inheritdoc/>
        public int GetModelInfo(int[] info)
        {
            info[KwsEngine.InfoClasses] = 3;
            info[KwsEngine.InfoSampleRate] = SampleRate;
            info[KwsEngine.InfoHop] = 320;
            info[KwsEngine.InfoFrameLength] = 640;
            info[KwsEngine.InfoFrames] = 49;
            info[KwsEngine.InfoOutputZeroPoint] = -128;
            info[KwsEngine.InfoFlags] = ModelInfo.FlagOutputIsSoftmax;
            info[KwsEngine.InfoMaxFramesPerCall] = 1280;
            info[KwsEngine.InfoStreamBytes] = 20000;
            return 0;
        }

        /// <inheritdoc/>
        public float GetOutputScale() { return 1.0f / 256; }

        /// <inheritdoc/>
        public string GetLabel(int index)
        {
            return index == 0 ? "_silence_" : index == 1 ? "yes" : index == 2 ? "no" : null;
        }

        /// <inheritdoc/>
        public int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing)
        {
            ProcessCalls++;
            if (NextProcessStatus != 0)
            {
                int status = NextProcessStatus;
                NextProcessStatus = 0;
                return status;
            }
            _pendingFrames += frameCount;
            int hops = _pendingFrames / 320;
            _pendingFrames -= hops * 320;
            int produced = 0;
            for (int h = 0; h < hops; h++)
            {
                for (int c = 0; c < 3; c++)
                {
                    scores[produced * 3 + c] = Scores[c];
                }
                produced++;
            }
            timing[KwsEngine.TimingNetworkUs] = NetworkUs;
            timing[KwsEngine.TimingFrontendUs] = FrontendUs;
            _clock.NowUs += produced * (long)NetworkUs;
            return produced;
        }

        /// <inheritdoc/>
        public int Reset()
        {
            Resets++;
            _pendingFrames = 0;
            return 0;
        }

        /// <inheritdoc/>
        public int SetInferenceInterval(int hops)
        {
            if (MaxInterval > 0 && hops > MaxInterval)
            {
                return -KwsEngine.StatusArgument;
            }
            Interval = hops;
            return 0;
        }

        /// <inheritdoc/>
        public string GetStatusText(int status) { return "status " + status.ToString(); }

        /// <inheritdoc/>
        public long NowMicroseconds() { return _clock.NowUs; }
    }
}
