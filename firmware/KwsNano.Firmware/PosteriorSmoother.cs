namespace KwsNano.Firmware
{
    /// <summary>
    /// Moving average of class probabilities over the last <see cref="Window"/> inferences (fewer right after
    /// a reset). Allocation-free after construction.
    /// </summary>
    public class PosteriorSmoother
    {
        private readonly float[][] _history;
        private readonly float[] _smoothed;
        private int _next;
        private int _count;

        /// <summary>Creates a smoother for <paramref name="classes"/> classes averaging <paramref name="window"/> inferences.</summary>
        public PosteriorSmoother(int classes, int window)
        {
            if (classes < 1)
            {
                throw new System.ArgumentOutOfRangeException("classes");
            }
            if (window < 1)
            {
                throw new System.ArgumentOutOfRangeException("window");
            }
            Classes = classes;
            Window = window;
            _history = new float[window][];
            for (int i = 0; i < window; i++)
            {
                _history[i] = new float[classes];
            }
            _smoothed = new float[classes];
        }

        /// <summary>Number of classes.</summary>
        public int Classes { get; private set; }

        /// <summary>Number of inferences averaged.</summary>
        public int Window { get; private set; }

        /// <summary>Inferences currently in the average (up to <see cref="Window"/>).</summary>
        public int Count { get { return _count; } }

        /// <summary>
        /// Adds one inference's probabilities and returns the moving average (an internal array, valid until
        /// the next call).
        /// </summary>
        public float[] Add(float[] probabilities)
        {
            float[] slot = _history[_next];
            for (int c = 0; c < Classes; c++)
            {
                slot[c] = probabilities[c];
            }
            _next = (_next + 1) % Window;
            if (_count < Window)
            {
                _count++;
            }
            // Sum afresh every time (Window x Classes adds): no drift from a running sum over hours.
            for (int c = 0; c < Classes; c++)
            {
                float sum = 0;
                for (int i = 0; i < _count; i++)
                {
                    sum += _history[i][c];
                }
                _smoothed[c] = sum / _count;
            }
            return _smoothed;
        }

        /// <summary>Forgets the history (after an overrun or a stream reset).</summary>
        public void Reset()
        {
            _count = 0;
            _next = 0;
        }
    }
}
