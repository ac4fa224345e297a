// Host half of the interop class KwsNano.Interop.KwsEngine: the constants are the device's own file
// (firmware/KwsNano.Interop/KwsEngine.cs, compiled in here; their C definitions are in kws_nf_session.h), and these
// bodies take the place of the device's native methods (KwsEngine.Native.cs), with the same names and signatures
// (VirtualBoardTests.HostKwsEngineHasTheDeviceInteropSurface). They forward to the current virtual board's
// NativeEngine, which runs the device's C session in libkwsnano.
using KwsNano.VirtualBoard;

namespace KwsNano.Interop;

public static partial class KwsEngine
{
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
