namespace KwsNano.Firmware
{
    /// <summary>
    /// Chooses how many hops apart the network runs ("interval auto") from measured native times, so that a
    /// board keeps up with the audio. Every hop costs one front-end frame; every interval-th hop also costs one
    /// inference. The native work of N hops must fit in <see cref="BudgetPercent"/> % of the N hops of audio
    /// they span; the rest is left for the managed pipeline, the I2S driver and the garbage collector:
    /// <code>N x frontendUs + networkUs &lt;= N x hopUs x BudgetPercent / 100</code>
    /// Hardware-free: tests drive it directly.
    /// </summary>
    public static class IntervalPlanner
    {
        /// <summary>Share of real time the native calls may use, percent.</summary>
        public const int BudgetPercent = 70;

        /// <summary>
        /// The smallest interval (1..<paramref name="maxInterval"/>) whose native work fits the budget, or
        /// <paramref name="maxInterval"/> when none does (then <see cref="Fits"/> is false for it: the board
        /// cannot keep up with this model, and overruns will be counted).
        /// </summary>
        /// <param name="hopUs">Audio time of one hop, microseconds (20,000 for the catalog models).</param>
        /// <param name="frontendUs">Front-end time of one hop, microseconds.</param>
        /// <param name="networkUs">Time of one inference, microseconds.</param>
        /// <param name="maxInterval">Largest interval allowed (the engine accepts at most the model's frames).</param>
        public static int Choose(int hopUs, int frontendUs, int networkUs, int maxInterval)
        {
            if (maxInterval < 1)
            {
                maxInterval = 1;
            }
            for (int n = 1; n <= maxInterval; n++)
            {
                if (Fits(n, hopUs, frontendUs, networkUs))
                {
                    return n;
                }
            }
            return maxInterval;
        }

        /// <summary>True when <paramref name="interval"/> hops of native work fit the budget.</summary>
        public static bool Fits(int interval, int hopUs, int frontendUs, int networkUs)
        {
            // long arithmetic: 100 hops x 20,000 us x 100 stays far below 2^63
            long work = (long)interval * frontendUs + networkUs;
            long budget = (long)interval * hopUs * BudgetPercent / 100;
            return work <= budget;
        }

        /// <summary>
        /// Inferences to average for a smoothing window of <paramref name="smoothingHops"/> hops when the
        /// network runs every <paramref name="interval"/> hops: ceil(hops / interval), at least 1.
        /// </summary>
        public static int SmoothingInferences(int smoothingHops, int interval)
        {
            if (interval < 1)
            {
                interval = 1;
            }
            int n = (smoothingHops + interval - 1) / interval;
            return n < 1 ? 1 : n;
        }
    }
}
