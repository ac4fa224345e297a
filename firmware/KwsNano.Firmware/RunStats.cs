namespace KwsNano.Firmware
{
    /// <summary>Counters since boot reported by the statistics line.</summary>
    public class RunStats
    {
        private long _latencySumUs;

        /// <summary>Inferences run.</summary>
        public long Inferences { get; private set; }

        /// <summary>Detections fired.</summary>
        public int Detections { get; private set; }

        /// <summary>Largest detection latency, microseconds.</summary>
        public long MaxLatencyUs { get; private set; }

        /// <summary>Mean detection latency, microseconds (0 before the first detection).</summary>
        public long MeanLatencyUs
        {
            get { return Detections == 0 ? 0 : _latencySumUs / Detections; }
        }

        /// <summary>Audio overruns.</summary>
        public int Overruns { get; set; }

        /// <summary>Native errors (negative statuses) other than a missing model.</summary>
        public int Errors { get; private set; }

        /// <summary>Counts <paramref name="count"/> inferences.</summary>
        public void AddInferences(int count)
        {
            Inferences += count;
        }

        /// <summary>Counts one detection with its latency.</summary>
        public void AddDetection(long latencyUs)
        {
            Detections++;
            _latencySumUs += latencyUs;
            if (latencyUs > MaxLatencyUs)
            {
                MaxLatencyUs = latencyUs;
            }
        }

        /// <summary>Counts one native error.</summary>
        public void AddError()
        {
            Errors++;
        }
    }
}
