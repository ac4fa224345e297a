using System.Numerics;
using KwsNano.Kwsm;

namespace KwsNano.Audio;

/// <summary>
/// Reference MFCC in double precision, written from the published facts (../shared/docs/frontend.md)
/// independently of the C front-end: a recursive complex FFT of the whole zero-padded frame (the C
/// code packs the real frame into a half-size complex FFT), dense mel weights, direct DCT. Used to
/// cross-check the device front-end at a tolerance and as the features path when libkwsnano is absent.
/// </summary>
public sealed class Mfcc
{
    private readonly KwsmFrontend _d;
    private readonly double[] _window;
    private readonly double[][] _melWeights; // [mel][bin], bins 0..fft/2
    private readonly double[][] _dct;        // [coeff][mel]

    /// <summary>Builds the tables for descriptor <paramref name="frontend"/> (kind 1 or 2).</summary>
    /// <exception cref="KwsmFormatException">The descriptor breaks a rule the device applies (<see cref="KwsmError.Frontend"/>).</exception>
    /// <exception cref="KwsNanoException">A valid descriptor of a kind not computed from audio (0, 3).</exception>
    public Mfcc(KwsmFrontend frontend)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        // The device's rules (KwsmFrontendRules mirrors kws__frontend_desc_check), and kinds 1 or 2 only.
        KwsmFrontendRules.RequireComputed(frontend, "MFCC");
        _d = frontend;
        _window = new double[frontend.FrameLength];
        for (int i = 0; i < _window.Length; i++)
        {
            _window[i] = 0.5 * (1.0 - Math.Cos(2.0 * Math.PI * i / frontend.FrameLength));
        }
        _melWeights = BuildMel(frontend);
        _dct = new double[frontend.NumCoeffs][];
        double m = frontend.MelBins;
        for (int k = 0; k < frontend.NumCoeffs; k++)
        {
            _dct[k] = new double[frontend.MelBins];
            for (int n = 0; n < frontend.MelBins; n++)
            {
                // Arm: sqrt(2/M) cos(pi k (n + 1/2) / M). TensorFlow's mfccs_from_log_mel_spectrograms
                // (dct 1) is the unnormalised DCT-II 2 sum x cos(...) times 1/sqrt(2M): the same matrix.
                _dct[k][n] = Math.Sqrt(2.0 / m) * Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * m));
            }
        }
    }

    /// <summary>The descriptor these tables were built for.</summary>
    public KwsmFrontend Frontend => _d;

    /// <summary>Samples needed for one window: frame_length + (num_frames - 1) * hop.</summary>
    public int WindowSamples => _d.FrameLength + (_d.NumFrames - 1) * _d.FrameHop;

    private static double HzToMel(double hz) => 1127.0 * Math.Log(1.0 + hz / 700.0);

    private static double[][] BuildMel(KwsmFrontend d)
    {
        int bins = d.FftSize / 2 + 1;
        double low = HzToMel(d.MelLowHz), high = HzToMel(d.MelHighHz);
        var edges = new double[d.MelBins + 2];
        for (int e = 0; e < edges.Length; e++)
        {
            edges[e] = low + (high - low) * e / (d.MelBins + 1);
        }
        var w = new double[d.MelBins][];
        for (int b = 0; b < d.MelBins; b++)
        {
            w[b] = new double[bins];
        }
        for (int k = 0; k < bins; k++)
        {
            double mel = HzToMel((double)k * d.SampleRate / d.FftSize);
            for (int b = 0; b < d.MelBins; b++)
            {
                double left = edges[b], center = edges[b + 1], right = edges[b + 2];
                if (mel <= left || mel >= right)
                {
                    continue; // only bins strictly inside the triangle get a weight
                }
                w[b][k] = mel <= center ? (mel - left) / (center - left) : (right - mel) / (right - center);
            }
        }
        return w;
    }

    /// <summary>Sample multiplier for a clip: 1/32768, or 1/peak for sample_scaling 1.</summary>
    public double GainFor(ReadOnlySpan<short> clip)
    {
        if (_d.SampleScaling == 0)
        {
            return 1.0 / 32768.0;
        }
        int peak = 1;
        foreach (short s in clip)
        {
            peak = Math.Max(peak, Math.Abs((int)s));
        }
        return 1.0 / peak;
    }

    /// <summary>MFCC of one frame (frame_length samples) with sample multiplier <paramref name="gain"/>.</summary>
    public double[] ComputeFrame(ReadOnlySpan<short> frame, double gain = 1.0 / 32768.0)
    {
        if (frame.Length < _d.FrameLength)
        {
            throw new ArgumentException($"a frame needs {_d.FrameLength} samples, got {frame.Length}");
        }
        var x = new Complex[_d.FftSize];
        for (int i = 0; i < _d.FrameLength; i++)
        {
            x[i] = new Complex(frame[i] * gain * _window[i], 0);
        }
        Complex[] spectrum = Fft(x);
        int bins = _d.FftSize / 2 + 1;
        var s = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            double power = spectrum[k].Real * spectrum[k].Real + spectrum[k].Imaginary * spectrum[k].Imaginary;
            s[k] = _d.Spectrum == 0 ? Math.Sqrt(power) : power;
        }
        var logMel = new double[_d.MelBins];
        for (int b = 0; b < _d.MelBins; b++)
        {
            double e = 0;
            for (int k = 0; k < bins; k++)
            {
                e += _melWeights[b][k] * s[k];
            }
            logMel[b] = _d.LogMode == 0 ? Math.Log(e + FloatMin) : Math.Log(e + 1e-6);
        }
        var c = new double[_d.NumCoeffs];
        for (int k = 0; k < c.Length; k++)
        {
            double sum = 0;
            for (int n = 0; n < logMel.Length; n++)
            {
                sum += _dct[k][n] * logMel[n];
            }
            c[k] = sum;
        }
        return c;
    }

    /// <summary>FLT_MIN, the smallest normal float, where Arm's kit starts each mel sum.</summary>
    private const double FloatMin = 1.1754943508222875e-38;

    /// <summary>
    /// Features of one window (exactly <see cref="WindowSamples"/> samples; use
    /// <see cref="FeatureExtractor.FitToWindow"/> first), frame by frame: num_frames x num_coeffs.
    /// </summary>
    public double[] ComputeWindow(ReadOnlySpan<short> window)
    {
        if (window.Length < WindowSamples)
        {
            throw new ArgumentException($"a window needs {WindowSamples} samples, got {window.Length}");
        }
        double gain = GainFor(window[..WindowSamples]);
        var features = new double[_d.NumFrames * _d.NumCoeffs];
        for (int f = 0; f < _d.NumFrames; f++)
        {
            ComputeFrame(window.Slice(f * _d.FrameHop, _d.FrameLength), gain).CopyTo(features, f * _d.NumCoeffs);
        }
        return features;
    }

    /// <summary>Quantise to the model input: round(c / scale + zero_point), half away from zero, clamped to int8.</summary>
    public static sbyte Quantize(double c, float scale, int zeroPoint)
    {
        double q = Math.Round(c / scale + zeroPoint, MidpointRounding.AwayFromZero);
        return (sbyte)Math.Clamp(double.IsNaN(q) ? zeroPoint : q, -128, 127);
    }

    /// <summary>Recursive radix-2 decimation-in-time FFT of a power-of-two length.</summary>
    private static Complex[] Fft(Complex[] x)
    {
        int n = x.Length;
        if (n == 1)
        {
            return [x[0]];
        }
        var even = new Complex[n / 2];
        var odd = new Complex[n / 2];
        for (int i = 0; i < n / 2; i++)
        {
            even[i] = x[2 * i];
            odd[i] = x[2 * i + 1];
        }
        Complex[] e = Fft(even), o = Fft(odd);
        var y = new Complex[n];
        for (int k = 0; k < n / 2; k++)
        {
            Complex t = Complex.FromPolarCoordinates(1.0, -2.0 * Math.PI * k / n) * o[k];
            y[k] = e[k] + t;
            y[k + n / 2] = e[k] - t;
        }
        return y;
    }
}
