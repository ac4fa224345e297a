using System.Numerics;
using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>
/// Reference of TFLite Micro's microfrontend (descriptor kind 3, preset micro-speech), written from the
/// documented algorithm (docs/frontend.md) independently of the C front-end: Q12 Hann window, the
/// kissfft-exact fixed-point FFT (<see cref="MicrofrontendFft"/>), a 40-channel filterbank with 12-bit
/// weights, square root, noise reduction, PCAN gain control and a fixed-point log, all in integers.
/// The noise estimate is state: <see cref="ComputeFrame"/> carries it to the next frame,
/// <see cref="ComputeWindow"/> starts a clip from a fresh estimate (as training did). Not thread-safe.
/// </summary>
public sealed class Microfrontend
{
    // micro_speech's configuration (fixed for kind 3)
    private const int WindowBits = 12, FilterBits = 12, NoiseBits = 14, NoiseSmoothingBits = 10;
    private const float EvenSmoothing = 0.025f, OddSmoothing = 0.06f, MinSignalRemaining = 0.05f;
    private const float PcanStrength = 0.95f, PcanOffset = 80f;
    private const int PcanGainBits = 21, PcanSnrBits = 12, PcanOutputBits = 6, LogScaleShift = 6;

    private readonly KwsmFrontend _d;
    private readonly MicrofrontendFft _fft;
    private readonly short[] _window;
    private readonly int _startBin, _endBin;
    private readonly int[] _bandOf;        // band of each bin in [start, end)
    private readonly int[] _weight, _unweight;
    private readonly short[] _pcanLut = new short[125];
    private readonly ushort[] _logLut = new ushort[130];
    private readonly uint _even, _odd, _minRemaining;
    private readonly int _logShift, _snrShift;
    private readonly uint[] _noise;

    /// <summary>Builds the tables for a kind-3 descriptor; throws <see cref="NotSupportedException"/> otherwise.</summary>
    public Microfrontend(KwsmFrontend frontend)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        if (frontend.Kind != 3)
        {
            throw new NotSupportedException($"front-end kind {frontend.Kind} ({frontend.Preset}) is not the TFLite Micro microfrontend (kind 3)");
        }
        if (frontend.FrameLength < 2 || !BitOperations.IsPow2(frontend.FftSize) || frontend.FftSize < 32 || frontend.FftSize > 4096 ||
            frontend.FftSize < frontend.FrameLength || 2 * frontend.FrameLength <= frontend.FftSize || frontend.FrameHop < 1 ||
            frontend.FrameHop > frontend.FrameLength || frontend.MelBins < 1 || frontend.MelBins > 128 ||
            frontend.NumCoeffs != frontend.MelBins || frontend.NumFrames < 1 || frontend.SampleScaling != 0 ||
            !(frontend.MelLowHz >= 0) || !(frontend.MelHighHz > frontend.MelLowHz) || !(frontend.MelHighHz <= frontend.SampleRate / 2f))
        {
            throw new ArgumentException($"inconsistent micro_speech descriptor: frame {frontend.FrameLength}, hop {frontend.FrameHop}, fft {frontend.FftSize}, channels {frontend.MelBins}, coeffs {frontend.NumCoeffs}, {frontend.MelLowHz}..{frontend.MelHighHz} Hz");
        }
        _d = frontend;
        _fft = new MicrofrontendFft(frontend.FftSize);
        _window = new short[frontend.FrameLength];
        for (int i = 0; i < _window.Length; i++)
        {
            // Hann at the sample centres (double: TFLite Micro's golden features, docs/frontend.md)
            double w = 0.5 - 0.5 * Math.Cos(2.0 * Math.PI * (i + 0.5) / frontend.FrameLength);
            _window[i] = (short)Math.Floor(w * (1 << WindowBits) + 0.5);
        }
        (_startBin, _endBin, _bandOf, _weight, _unweight) = BuildFilterbank(frontend);
        _even = (uint)(EvenSmoothing * (1 << NoiseBits));
        _odd = (uint)(OddSmoothing * (1 << NoiseBits));
        _minRemaining = (uint)(MinSignalRemaining * (1 << NoiseBits));
        _logShift = BitOperations.Log2((uint)frontend.FftSize) - FilterBits / 2; // msb - 1 - 6
        _snrShift = PcanGainBits - _logShift - PcanSnrBits;
        BuildPcanLut(NoiseSmoothingBits - _logShift);
        for (int i = 0; i <= 128; i++)
        {
            double t = i / 128.0;
            _logLut[i] = (ushort)Math.Round((Math.Log2(1 + t) - t) * 65536, MidpointRounding.AwayFromZero);
        }
        _noise = new uint[frontend.MelBins];
    }

    /// <summary>The descriptor the tables were built for.</summary>
    public KwsmFrontend Frontend => _d;

    /// <summary>The per-channel noise estimate carried between frames (tests set presets through it).</summary>
    public Span<uint> NoiseEstimate => _noise;

    /// <summary>Forgets the noise estimate.</summary>
    public void Reset() => Array.Clear(_noise);

    /// <summary>TFLite Micro micro_speech's mapping of a feature to the int8 input: (v * 256 + 333) / 666 - 128, clamped.</summary>
    public static sbyte ToInt8(int feature) => (sbyte)Math.Clamp((feature * 256 + 333) / 666 - 128, -128, 127);

    /// <summary>Features of one window (num_frames x channels, frame by frame) from a fresh noise estimate.</summary>
    public ushort[] ComputeWindow(ReadOnlySpan<short> samples)
    {
        int need = _d.FrameLength + (_d.NumFrames - 1) * _d.FrameHop;
        if (samples.Length < need)
        {
            throw new ArgumentException($"a window needs {need} samples, got {samples.Length}", nameof(samples));
        }
        Reset();
        var all = new ushort[_d.NumFrames * _d.MelBins];
        for (int f = 0; f < _d.NumFrames; f++)
        {
            ComputeFrame(samples.Slice(f * _d.FrameHop, _d.FrameLength)).CopyTo(all, f * _d.MelBins);
        }
        return all;
    }

    /// <summary>One frame (frame_length samples) to channels features; the noise estimate moves on.</summary>
    public ushort[] ComputeFrame(ReadOnlySpan<short> frame)
    {
        if (frame.Length != _d.FrameLength)
        {
            throw new ArgumentException($"a frame has {_d.FrameLength} samples, got {frame.Length}", nameof(frame));
        }
        var x = new short[_d.FftSize];
        int peak = 0;
        for (int i = 0; i < frame.Length; i++)
        {
            x[i] = (short)((frame[i] * _window[i]) >> WindowBits);
            int a = x[i] == short.MinValue ? 0 : Math.Abs(x[i]); // |-32768| does not fit a short: ignored
            peak = Math.Max(peak, a);
        }
        int shift = 15 - (peak == 0 ? 0 : BitOperations.Log2((uint)peak) + 1);
        for (int i = 0; i < frame.Length; i++)
        {
            x[i] = unchecked((short)(ushort)(x[i] << shift));
        }
        var spectrum = _fft.Transform(x);

        int channels = _d.MelBins;
        var acc = new ulong[channels];
        for (int k = _startBin; k < _endBin; k++)
        {
            int re = spectrum[k].Re, im = spectrum[k].Im;
            ulong energy = unchecked((ulong)(long)(int)((uint)(re * re) + (uint)(im * im)));
            int band = _bandOf[k - _startBin];
            if (band >= 1)
            {
                acc[band - 1] += (ulong)_weight[k - _startBin] * energy; // rising edge of channel band-1
            }
            if (band < channels)
            {
                acc[band] += (ulong)_unweight[k - _startBin] * energy; // falling edge of channel band
            }
        }

        var features = new ushort[channels];
        for (int c = 0; c < channels; c++)
        {
            uint signal = RoundedSqrt(acc[c]) >> shift;
            uint smoothing = (c & 1) == 0 ? _even : _odd;
            uint up = signal << NoiseSmoothingBits;
            uint estimate = (uint)(((ulong)up * smoothing + (ulong)_noise[c] * ((1u << NoiseBits) - smoothing)) >> NoiseBits);
            _noise[c] = estimate;
            uint floor = (uint)(((ulong)signal * _minRemaining) >> NoiseBits);
            uint reduced = Math.Max((up - Math.Min(estimate, up)) >> NoiseSmoothingBits, floor);

            uint gain = unchecked((uint)(int)WideDynamic(estimate));
            uint snr = (uint)(((ulong)reduced * gain) >> _snrShift);
            uint v = snr < (2u << PcanSnrBits)
                ? (snr * snr) >> (2 + 2 * PcanSnrBits - PcanOutputBits)
                : (snr >> (PcanSnrBits - PcanOutputBits)) - (1u << PcanOutputBits);

            v = _logShift < 0 ? v >> -_logShift : unchecked(v << _logShift);
            v = v > 1 ? Log(v) : 0;
            features[c] = (ushort)Math.Min(v, 0xFFFFu);
        }
        return features;
    }

    // 1127 ln(1 + hz / 700) in single precision, the log rounded once from double (a correctly rounded log1pf;
    // x = hz / 700 is a float, so 1 + x is exact in double).
    private static float Mel(float hz) => 1127f * (float)Math.Log(1.0 + (double)(hz / 700f));

    // Bands 0..channels over the bins from 1.5 + low / (Hz per bin) on; band b ends after the last bin whose mel
    // is <= its centre (centres mel(low) + (b + 1) spacing). Weight of a bin = (centre - mel) / (centre - previous
    // centre), Q12, single precision as documented.
    private static (int, int, int[], int[], int[]) BuildFilterbank(KwsmFrontend d)
    {
        int bins = d.FftSize / 2 + 1, bands = d.MelBins + 1;
        float melLow = Mel(d.MelLowHz), melHigh = Mel(d.MelHighHz);
        float spacing = (melHigh - melLow) / bands;
        float hzPerBin = 0.5f * d.SampleRate / (bins - 1f);
        int start = (int)(1.5f + d.MelLowHz / hzPerBin);
        var bandOf = new List<int>();
        var weight = new List<int>();
        var unweight = new List<int>();
        int bin = start;
        float previous = melLow;
        for (int b = 0; b < bands; b++)
        {
            float centre = melLow + spacing * (b + 1);
            while (Mel(bin * hzPerBin) <= centre)
            {
                if (bin + 1 >= bins)
                {
                    throw new ArgumentException($"micro_speech filterbank passes the {bins}-bin spectrum ({d.MelLowHz}..{d.MelHighHz} Hz, {d.MelBins} channels)");
                }
                float w = (centre - Mel(bin * hzPerBin)) / (centre - previous);
                bandOf.Add(b);
                weight.Add((int)MathF.Floor(w * (1 << FilterBits) + 0.5f));
                unweight.Add((int)MathF.Floor((1f - w) * (1 << FilterBits) + 0.5f));
                bin++;
            }
            previous = centre;
        }
        return (start, bin, bandOf.ToArray(), weight.ToArray(), unweight.ToArray());
    }

    private short PcanGain(int inputBits, uint x)
    {
        float xf = (float)x / (1u << inputBits);
        float gain = (1u << PcanGainBits) * MathF.Pow(xf + PcanOffset, -PcanStrength);
        return gain > short.MaxValue ? short.MaxValue : (short)(gain + 0.5f);
    }

    // Wide dynamic function table: gains of 0 and 1, then per interval i (x in [2^(i-1), 2^i)) y0, a1, a2 of the
    // quadratic through x0 = 2^(i-1), 1.5 x0 and 2 x0 (2 x0 - 1 for i = 32) at 4i-6..4i-4.
    private void BuildPcanLut(int inputBits)
    {
        _pcanLut[0] = PcanGain(inputBits, 0);
        _pcanLut[1] = PcanGain(inputBits, 1);
        for (int i = 2; i <= 32; i++)
        {
            uint x0 = 1u << (i - 1);
            int y0 = PcanGain(inputBits, x0);
            int y1 = PcanGain(inputBits, x0 + (x0 >> 1));
            int y2 = PcanGain(inputBits, i == 32 ? x0 + (x0 - 1) : 2 * x0);
            int a1 = 4 * (y1 - y0) - (y2 - y0);
            _pcanLut[4 * i - 6] = (short)y0;
            _pcanLut[4 * i - 5] = (short)a1;
            _pcanLut[4 * i - 4] = (short)(y2 - y0 - a1);
        }
    }

    private short WideDynamic(uint x)
    {
        if (x <= 2)
        {
            return _pcanLut[x];
        }
        int interval = BitOperations.Log2(x) + 1;
        int at = 4 * interval - 6;
        int frac = (int)((interval < 11 ? x << (11 - interval) : x >> (interval - 11)) & 0x3FF);
        int r = (_pcanLut[at + 2] * frac) >> 5;
        r += _pcanLut[at + 1] * 32;
        r *= frac;
        r = (r + (1 << 14)) >> 15;
        return unchecked((short)(r + _pcanLut[at]));
    }

    // Round to nearest integer square root (floor, +1 when the remainder exceeds the root); below 2^32 the
    // result stays within 16 bits.
    private static uint RoundedSqrt(ulong v)
    {
        ulong r = (ulong)Math.Sqrt(v);
        while (r * r > v)
        {
            r--;
        }
        while ((r + 1) * (r + 1) <= v)
        {
            r++;
        }
        ulong cap = v <= uint.MaxValue ? 0xFFFFu : 0xFFFFFFFFu;
        if (v - r * r > r && r != cap)
        {
            r++;
        }
        return (uint)r;
    }

    // log2 in Q16 (integer part from the top bit, fraction from a 128-segment table with linear interpolation),
    // times ln 2 (45426 / 2^16), scaled by 2^6 / 2^16, all rounded.
    private uint Log(uint x)
    {
        int integer = BitOperations.Log2(x);
        int frac = (int)(x - (1u << integer));
        frac = integer < 16 ? frac << (16 - integer) : frac >> (integer - 16);
        int seg = frac >> 9;
        int c0 = _logLut[seg], c1 = _logLut[seg + 1];
        int rel = ((c1 - c0) * (frac - (seg << 9))) >> 16;
        uint log2 = ((uint)integer << 16) + (uint)(frac + c0 + rel);
        uint ln = (uint)((45426ul * log2 + 32768) >> 16);
        return ((ln << LogScaleShift) + 32768) >> 16;
    }
}
