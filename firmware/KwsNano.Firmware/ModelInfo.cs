using KwsNano.Interop;

namespace KwsNano.Firmware
{
    /// <summary>The model facts of the engine's info array (KwsEngine.Info* slots), decoded once.</summary>
    public sealed class ModelInfo
    {
        /// <summary>Header flag: the output tensor is a softmax (KWS_FLAG_OUTPUT_IS_SOFTMAX in kws_nano.h).</summary>
        public const int FlagOutputIsSoftmax = 0x4;

        /// <summary>Decodes <paramref name="info"/> (at least KwsEngine.InfoLength entries, as GetModelInfo filled it).</summary>
        public ModelInfo(int[] info)
        {
            Classes = info[KwsEngine.InfoClasses];
            SampleRate = info[KwsEngine.InfoSampleRate];
            Hop = info[KwsEngine.InfoHop];
            FrameLength = info[KwsEngine.InfoFrameLength];
            Frames = info[KwsEngine.InfoFrames];
            OutputZeroPoint = info[KwsEngine.InfoOutputZeroPoint];
            Flags = info[KwsEngine.InfoFlags];
            MaxFramesPerCall = info[KwsEngine.InfoMaxFramesPerCall];
            StreamBytes = info[KwsEngine.InfoStreamBytes];
        }

        /// <summary>Output classes.</summary>
        public int Classes { get; }

        /// <summary>Sample rate, Hz.</summary>
        public int SampleRate { get; }

        /// <summary>Samples between two feature frames.</summary>
        public int Hop { get; }

        /// <summary>Samples of one feature frame.</summary>
        public int FrameLength { get; }

        /// <summary>Feature frames in the network's input window.</summary>
        public int Frames { get; }

        /// <summary>Output zero point.</summary>
        public int OutputZeroPoint { get; }

        /// <summary>.kwsm header flags.</summary>
        public int Flags { get; }

        /// <summary>True when the output is a softmax (probabilities), else logits.</summary>
        public bool OutputIsSoftmax { get { return (Flags & FlagOutputIsSoftmax) != 0; } }

        /// <summary>Largest frame count one ProcessI2s call accepts.</summary>
        public int MaxFramesPerCall { get; }

        /// <summary>Native bytes the stream uses.</summary>
        public int StreamBytes { get; }
    }
}
