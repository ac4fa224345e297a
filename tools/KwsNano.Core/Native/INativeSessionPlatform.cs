namespace KwsNano.Native;

/// <summary>
/// The platform a <see cref="NativeSession"/> runs on (the hooks of kws_nf_session.h other than memory, which the
/// session takes from the process heap): the device's port functions, here implemented by the caller, e.g. the
/// virtual board's clock, flash and microphone. Called back synchronously, on the calling thread, during a
/// session call.
/// </summary>
public interface INativeSessionPlatform
{
    /// <summary>
    /// Makes the blob at flash <paramref name="address"/> readable in place until the next call (kws_nf_flash_map):
    /// true with its first byte and size, or false when nothing valid is there. The memory must not move.
    /// </summary>
    bool TryMapFlash(uint address, uint maxSize, out IntPtr blob, out uint size);

    /// <summary>Microseconds since boot (kws_nf_now_us64).</summary>
    long NowMicroseconds();

    /// <summary>Starts capture (kws_nf_capture_start): 0 or a negative status.</summary>
    int CaptureStart(int sampleRate, int bufferFrames);

    /// <summary>Fills <paramref name="frames"/> with <paramref name="frameCount"/> frames (kws_nf_capture_read): frames read or a negative status.</summary>
    int CaptureRead(Span<byte> frames, int frameCount, int timeoutMs);

    /// <summary>Stops capture (kws_nf_capture_stop): 0 or a negative status.</summary>
    int CaptureStop();
}
