namespace KwsNano.Cli.Firmware;

/// <summary>Latency statistics over detections: nearest-rank percentiles, mean and maximum (microseconds).</summary>
public sealed class LatencySummary
{
    private readonly long[] _sorted;

    /// <summary>Summarises <paramref name="latenciesUs"/>.</summary>
    public LatencySummary(IEnumerable<long> latenciesUs)
    {
        _sorted = latenciesUs.OrderBy(x => x).ToArray();
    }

    /// <summary>Number of values.</summary>
    public int Count => _sorted.Length;

    /// <summary>Values in ascending order.</summary>
    public IReadOnlyList<long> Sorted => _sorted;

    /// <summary>
    /// Nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or
    /// below it (sorted[ceil(p/100 x N) - 1]); 0 when empty.
    /// </summary>
    public long Percentile(double percent)
    {
        if (_sorted.Length == 0)
        {
            return 0;
        }
        int rank = (int)Math.Ceiling(percent / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank, 1, _sorted.Length) - 1];
    }

    /// <summary>Integer mean (truncated, as the firmware's STAT line); 0 when empty.</summary>
    public long Mean => _sorted.Length == 0 ? 0 : _sorted.Sum() / _sorted.Length;

    /// <summary>Largest value; 0 when empty.</summary>
    public long Max => _sorted.Length == 0 ? 0 : _sorted[^1];
}
