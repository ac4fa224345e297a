namespace KwsNano.VirtualBoard;

/// <summary>
/// Simulated time in microseconds since boot. It moves only when the board says so: reading audio waits until
/// the samples would have arrived, and a native call adds the time it took (measured or modelled), so
/// latencies are audio time plus native time, independent of how fast the host feeds audio.
/// </summary>
public sealed class VirtualClock
{
    /// <summary>Microseconds since boot.</summary>
    public long NowUs { get; private set; }

    /// <summary>Moves time forward by <paramref name="microseconds"/> (negative values are ignored).</summary>
    public void Advance(long microseconds)
    {
        if (microseconds > 0)
        {
            NowUs += microseconds;
        }
    }

    /// <summary>Moves time forward to <paramref name="timeUs"/> if that is later than now.</summary>
    public void AdvanceTo(long timeUs)
    {
        if (timeUs > NowUs)
        {
            NowUs = timeUs;
        }
    }
}
