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

    /// <summary>Microseconds a call that took <paramref name="measuredUs"/> on the host and ran <paramref name="inferences"/> inferences costs.</summary>
    public long Cost(long measuredUs, int inferences) => Measured ? measuredUs : PerCallUs + PerInferenceUs * inferences;
}
