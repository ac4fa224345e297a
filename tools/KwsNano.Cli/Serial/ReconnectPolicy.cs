namespace KwsNano.Cli.Serial;

/// <summary>How long <see cref="SerialLineSource"/> waits for a vanished port to come back, and how often it tries.</summary>
/// <param name="Window">Total time to keep trying (zero: give up at once).</param>
/// <param name="RetryEvery">Pause between attempts.</param>
public sealed record ReconnectPolicy(TimeSpan Window, TimeSpan RetryEvery)
{
    /// <summary>Default for <c>--reconnect</c>: 30 s, every 0.5 s (an ESP32 reset takes about 1 s, re-enumeration on USB a few).</summary>
    public static ReconnectPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
}
