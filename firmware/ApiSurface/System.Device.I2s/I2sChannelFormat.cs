namespace System.Device.I2s
{
    /// <summary>Channel format.</summary>
    public enum I2sChannelFormat
    {
        /// <summary>Both channels (stereo frames).</summary>
        RightLeft = 0,
        /// <summary>Right channel in both slots.</summary>
        AllRight,
        /// <summary>Left channel in both slots.</summary>
        AllLeft,
        /// <summary>Right channel only (one word per frame).</summary>
        OnlyRight,
        /// <summary>Left channel only (one word per frame).</summary>
        OnlyLeft,
    }
}
