using System;

namespace KwsNano.Firmware
{
    /// <summary>
    /// Converts one inference's int8 output to class probabilities. A softmax output (scale 1/256, zero
    /// point -128) is dequantised directly; other outputs (MicroNet's logits) go through a softmax here.
    /// </summary>
    public class ScoreDecoder
    {
        private readonly float[] _probabilities;
        private readonly float _scale;
        private readonly int _zeroPoint;
        private readonly bool _isSoftmax;

        /// <summary>Creates a decoder for <paramref name="classes"/> outputs quantised with scale and zero point.</summary>
        public ScoreDecoder(int classes, float scale, int zeroPoint, bool outputIsSoftmax)
        {
            if (classes < 1)
            {
                throw new ArgumentOutOfRangeException("classes");
            }
            _probabilities = new float[classes];
            _scale = scale;
            _zeroPoint = zeroPoint;
            _isSoftmax = outputIsSoftmax;
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get { return _probabilities.Length; } }

        /// <summary>
        /// Probabilities of the inference whose scores start at <paramref name="offset"/> in
        /// <paramref name="scores"/> (an internal array, valid until the next call).
        /// </summary>
        public float[] Decode(sbyte[] scores, int offset)
        {
            int n = _probabilities.Length;
            if (_isSoftmax)
            {
                for (int c = 0; c < n; c++)
                {
                    float p = _scale * (scores[offset + c] - _zeroPoint);
                    _probabilities[c] = p < 0 ? 0 : (p > 1 ? 1 : p);
                }
                return _probabilities;
            }
            int max = scores[offset];
            for (int c = 1; c < n; c++)
            {
                if (scores[offset + c] > max)
                {
                    max = scores[offset + c];
                }
            }
            double sum = 0;
            for (int c = 0; c < n; c++)
            {
                double e = Math.Exp(_scale * (scores[offset + c] - max));
                _probabilities[c] = (float)e;
                sum += e;
            }
            for (int c = 0; c < n; c++)
            {
                _probabilities[c] = (float)(_probabilities[c] / sum);
            }
            return _probabilities;
        }
    }
}
