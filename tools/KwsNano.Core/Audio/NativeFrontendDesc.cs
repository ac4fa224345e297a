using System.Runtime.InteropServices;
using System.Text;
using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>Blittable mirror of the C <c>kws_frontend_desc</c> (kernels-native/include/kws_nano.h).</summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct NativeFrontendDesc
{
    public byte Kind, Window, SampleScaling, LogMode;
    public uint SampleRate;
    public ushort FrameLength, FrameHop, FftSize, MelBins;
    public float MelLowHz, MelHighHz;
    public ushort NumCoeffs, NumFrames;
    public float InputScale;
    public int InputZeroPoint;
    public byte Spectrum, MelFormula, Dct;
    public fixed byte Preset[17];

    /// <summary>Converts the C# descriptor (values must fit the C field widths).</summary>
    public static NativeFrontendDesc From(KwsmFrontend f)
    {
        var d = new NativeFrontendDesc
        {
            Kind = f.Kind, Window = f.Window, SampleScaling = f.SampleScaling, LogMode = f.LogMode,
            SampleRate = checked((uint)f.SampleRate),
            FrameLength = checked((ushort)f.FrameLength), FrameHop = checked((ushort)f.FrameHop),
            FftSize = checked((ushort)f.FftSize), MelBins = checked((ushort)f.MelBins),
            MelLowHz = f.MelLowHz, MelHighHz = f.MelHighHz,
            NumCoeffs = checked((ushort)f.NumCoeffs), NumFrames = checked((ushort)f.NumFrames),
            InputScale = f.InputScale, InputZeroPoint = f.InputZeroPoint,
            Spectrum = f.Spectrum, MelFormula = f.MelFormula, Dct = f.Dct,
        };
        byte[] name = Encoding.ASCII.GetBytes(f.Preset ?? "");
        for (int i = 0; i < Math.Min(16, name.Length); i++)
        {
            d.Preset[i] = name[i];
        }
        return d;
    }
}
