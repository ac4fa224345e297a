// Host implementation of the interop class firmware/KwsNano.Interop/KwsEngine.cs: same namespace, names,
// signatures and constants (the device file is the C# definition; VirtualBoardTests.HostKwsEngineHasTheDeviceInteropSurface
// keeps this copy identical, InteropGlueTests checks them against kws_nf_session.h). The bodies forward to the current
// virtual board's NativeEngine, which runs the device's C session in libkwsnano.
using KwsNano.VirtualBoard;

namespace KwsNano.Interop;

/// <summary>The native keyword-spotting engine (host: P/Invoke into libkwsnano through the virtual board).</summary>
public static class KwsEngine
{
    /// <summary>Most hops (network runs) one <see cref="ProcessI2s"/> call may perform.</summary>
    public const int MaxHopsPerCall = 4;
    /// <summary>Bytes of one I2S frame.</summary>
    public const int BytesPerFrame = 8;
    /// <summary>Glue status: no model is loaded.</summary>
    public const int StatusNoModel = 100;
    /// <summary>Glue status: out of memory.</summary>
    public const int StatusOutOfMemory = 101;
    /// <summary>Glue status: flash.</summary>
    public const int StatusFlash = 102;
    /// <summary>Glue status: no capture.</summary>
    public const int StatusNoCapture = 103;
    /// <summary>Glue status: invalid argument.</summary>
    public const int StatusArgument = 104;
    /// <summary>Info index: classes.</summary>
    public const int InfoClasses = 0;
    /// <summary>Info index: sample rate.</summary>
    public const int InfoSampleRate = 1;
    /// <summary>Info index: hop.</summary>
    public const int InfoHop = 2;
    /// <summary>Info index: frame length.</summary>
    public const int InfoFrameLength = 3;
    /// <summary>Info index: frames per window.</summary>
    public const int InfoFrames = 4;
    /// <summary>Info index: output zero point.</summary>
    public const int InfoOutputZeroPoint = 5;
    /// <summary>Info index: model flags.</summary>
    public const int InfoFlags = 6;
    /// <summary>Info index: max frames per call.</summary>
    public const int InfoMaxFramesPerCall = 7;
    /// <summary>Info index: stream bytes.</summary>
    public const int InfoStreamBytes = 8;
    /// <summary>Info array length.</summary>
    public const int InfoLength = 9;
    /// <summary>Timing index: front-end us.</summary>
    public const int TimingFrontendUs = 0;
    /// <summary>Timing index: network us.</summary>
    public const int TimingNetworkUs = 1;
    /// <summary>Timing index: call us.</summary>
    public const int TimingCallUs = 2;
    /// <summary>Timing array length.</summary>
    public const int TimingLength = 3;

    /// <summary>Copies and opens a .kwsm blob.</summary>
    public static int LoadModel(byte[] blob) => Board.Current.Engine.LoadModel(blob);

    /// <summary>Opens the model in (virtual) flash.</summary>
    public static int LoadModelFromFlash(uint address, uint maxSize) => Board.Current.Engine.LoadModelFromFlash(address, maxSize);

    /// <summary>Model facts.</summary>
    public static int GetModelInfo(int[] info) => Board.Current.Engine.GetModelInfo(info);

    /// <summary>Output scale.</summary>
    public static float GetOutputScale() => Board.Current.Engine.GetOutputScale();

    /// <summary>Label or null.</summary>
    public static string GetLabel(int index) => Board.Current.Engine.GetLabel(index)!;

    /// <summary>Pushes I2S frames.</summary>
    public static int ProcessI2s(byte[] frames, int frameCount, int slot, sbyte[] scores, int[] timing)
        => Board.Current.Engine.ProcessI2s(frames, frameCount, slot, scores, timing);

    /// <summary>Resets the stream.</summary>
    public static int Reset() => Board.Current.Engine.Reset();

    /// <summary>Status text.</summary>
    public static string GetStatusText(int status) => Board.Current.Engine.GetStatusText(status);

    /// <summary>Virtual microseconds since boot.</summary>
    public static long NowMicroseconds() => Board.Current.Engine.NowMicroseconds();

    /// <summary>Starts capture.</summary>
    public static int CaptureStart(int sampleRate, int bufferFrames) => Board.Current.Engine.CaptureStart(sampleRate, bufferFrames);

    /// <summary>Reads captured frames.</summary>
    public static int CaptureRead(byte[] frames, int frameCount, int timeoutMs) => Board.Current.Engine.CaptureRead(frames, frameCount, timeoutMs);

    /// <summary>Stops capture.</summary>
    public static int CaptureStop() => Board.Current.Engine.CaptureStop();

    /// <summary>Runs the network every <paramref name="hops"/> hops (kws_stream_set_interval).</summary>
    public static int SetInferenceInterval(int hops) => Board.Current.Engine.SetInferenceInterval(hops);
}
