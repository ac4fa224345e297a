namespace KwsNano.Firmware.Tests
{
    /// <summary>Microseconds shared by a fake engine and a fake microphone.</summary>
    public sealed class FakeClock
    {
        /// <summary>Now, µs.</summary>
        public long NowUs;
    }
}
