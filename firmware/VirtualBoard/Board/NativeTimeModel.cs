namespace KwsNano.VirtualBoard;

/// <summary>How native calls advance the virtual clock.</summary>
public sealed class NativeTimeModel
{
    private NativeTimeModel(bool measured, long perCallUs, long perInferenceUs)
    {
        Measured = measured;
        PerCallUs = perCallUs;
        PerInferenceUs = perInferenceUs;
    }

    /// <summary>Advance by the host's measured duration of each native call (default).</summary>
    public static NativeTimeModel MeasuredOnHost { get; } = new(true, 0, 0);

    /// <summary>Deterministic: each call costs <paramref name="perCallUs"/> plus <paramref name="perInferenceUs"/> per inference.</summary>
    public static NativeTimeModel Fixed(long perCallUs, long perInferenceUs) => new(false, perCallUs, perInferenceUs);

    /// <summary>True when host time is measured.</summary>
    public bool Measured { get; }

    /// <summary>Fixed cost of a call, microseconds.</summary>
    public long PerCallUs { get; }

    /// <summary>Fixed cost of one inference (front-end frame + network), microseconds.</summary>
    public long PerInferenceUs { get; }

    /// <summary>
    /// Writes what the board reports in a ProcessI2s timing array (indices KwsEngine.Timing*) after a call of
    /// <paramref name="hops"/> hops and <paramref name="inferences"/> inferences that cost <paramref name="costUs"/>:
    /// the call slot always holds that cost (the virtual clock does not move inside the native call); a fixed model
    /// also reports its own front-end and network costs instead of the host's measured ones.
    /// </summary>
    public void Report(int[] timing, int hops, int inferences, long costUs)
    {
        timing[KwsNano.Interop.KwsEngine.TimingCallUs] = (int)Math.Min(costUs, int.MaxValue);
        if (!Measured)
        {
            timing[KwsNano.Interop.KwsEngine.TimingFrontendUs] = hops > 0 ? (int)(PerCallUs / hops) : 0;
            timing[KwsNano.Interop.KwsEngine.TimingNetworkUs] = inferences > 0 ? (int)PerInferenceUs : 0;
        }
    }

    /// <summary>Microseconds a call that took <paramref name="measuredUs"/> on the host and ran <paramref name="inferences"/> inferences costs.</summary>
    public long Cost(long measuredUs, int inferences) => Measured ? measuredUs : PerCallUs + PerInferenceUs * inferences;
}
