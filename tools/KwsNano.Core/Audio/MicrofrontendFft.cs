namespace KwsNano.Audio;

/// <summary>
/// The 16-bit fixed-point real FFT of TFLite Micro's microfrontend: kissfft v130 with FIXED_POINT 16
/// (facts: docs/frontend.md). Written as kissfft's recursive decimation in time (the C front-end runs
/// the same arithmetic iteratively): radix 4 while 4 divides, then 2; every stage divides its inputs by
/// the radix as x * (32767 / p) rounded Q15; products rounded Q15; every intermediate kept as a short
/// (wrapping). The n/2-point complex transform of (x[2j], x[2j+1]) is split into the real spectrum.
/// </summary>
public sealed class MicrofrontendFft
{
    private readonly int _n;
    private readonly (short Re, short Im)[] _tw;
    private readonly (short Re, short Im)[] _super;
    private readonly int[] _radices;

    /// <summary>Tables of an <paramref name="n"/>-point real transform (a power of two, 4..4096).</summary>
    public MicrofrontendFft(int n)
    {
        if (n < 4 || n > 4096 || (n & (n - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "the real FFT length must be a power of two in 4..4096");
        }
        _n = n;
        int nc = n / 2;
        _tw = new (short, short)[nc];
        for (int i = 0; i < nc; i++)
        {
            _tw[i] = Cexp(-2.0 * Math.PI * i / nc);
        }
        _super = new (short, short)[nc / 2];
        for (int i = 0; i < nc / 2; i++)
        {
            _super[i] = Cexp(-Math.PI * ((double)(i + 1) / nc + 0.5));
        }
        var radices = new List<int>();
        for (int rest = nc; rest > 1; rest /= radices[^1])
        {
            radices.Add(rest % 4 == 0 ? 4 : 2);
        }
        _radices = radices.ToArray();
    }

    /// <summary>n/2 + 1 bins of the real input (n values).</summary>
    public (short Re, short Im)[] Transform(ReadOnlySpan<short> input)
    {
        if (input.Length != _n)
        {
            throw new ArgumentException($"the FFT needs {_n} samples, got {input.Length}", nameof(input));
        }
        int nc = _n / 2;
        var packed = new (short Re, short Im)[nc];
        for (int j = 0; j < nc; j++)
        {
            packed[j] = (input[2 * j], input[2 * j + 1]);
        }
        var z = new (short Re, short Im)[nc];
        Work(z, 0, packed, 0, 1, 0);

        var output = new (short Re, short Im)[nc + 1];
        var dc = FixDiv(z[0], 2);
        output[0] = (S(dc.Re + dc.Im), 0);
        output[nc] = (S(dc.Re - dc.Im), 0);
        for (int k = 1; k <= nc / 2; k++)
        {
            var fpk = FixDiv(z[k], 2);
            var fpnk = FixDiv((z[nc - k].Re, S(-z[nc - k].Im)), 2);
            var f1 = (Re: S(fpk.Re + fpnk.Re), Im: S(fpk.Im + fpnk.Im));
            var f2 = (S(fpk.Re - fpnk.Re), S(fpk.Im - fpnk.Im));
            var t = Mul(f2, _super[k - 1]);
            output[k] = (S((f1.Re + t.Re) >> 1), S((f1.Im + t.Im) >> 1));
            output[nc - k] = (S((f1.Re - t.Re) >> 1), S((t.Im - f1.Im) >> 1));
        }
        return output;
    }

    // kissfft's kf_work: p sub-transforms of length m on the decimated input, then one butterfly stage.
    private void Work((short Re, short Im)[] outBuf, int outAt, (short Re, short Im)[] input, int inAt, int fstride, int level)
    {
        int p = _radices[level];
        int m = _n / 2 / fstride / p;
        if (m == 1)
        {
            for (int k = 0; k < p; k++)
            {
                outBuf[outAt + k] = input[inAt + k * fstride];
            }
        }
        else
        {
            for (int k = 0; k < p; k++)
            {
                Work(outBuf, outAt + k * m, input, inAt + k * fstride, fstride * p, level + 1);
            }
        }
        if (p == 4)
        {
            Butterfly4(outBuf, outAt, fstride, m);
        }
        else
        {
            Butterfly2(outBuf, outAt, fstride, m);
        }
    }

    private void Butterfly2((short Re, short Im)[] f, int at, int fstride, int m)
    {
        for (int k = 0; k < m; k++)
        {
            var a = FixDiv(f[at + k], 2);
            var b = FixDiv(f[at + k + m], 2);
            var t = Mul(b, _tw[k * fstride]);
            f[at + k + m] = (S(a.Re - t.Re), S(a.Im - t.Im));
            f[at + k] = (S(a.Re + t.Re), S(a.Im + t.Im));
        }
    }

    private void Butterfly4((short Re, short Im)[] f, int at, int fstride, int m)
    {
        for (int k = 0; k < m; k++)
        {
            var x0 = FixDiv(f[at + k], 4);
            var x1 = Mul(FixDiv(f[at + k + m], 4), _tw[k * fstride]);
            var x2 = Mul(FixDiv(f[at + k + 2 * m], 4), _tw[2 * k * fstride]);
            var x3 = Mul(FixDiv(f[at + k + 3 * m], 4), _tw[3 * k * fstride]);
            var diff02 = (Re: S(x0.Re - x2.Re), Im: S(x0.Im - x2.Im));
            var sum02 = (Re: S(x0.Re + x2.Re), Im: S(x0.Im + x2.Im));
            var sum13 = (Re: S(x1.Re + x3.Re), Im: S(x1.Im + x3.Im));
            var diff13 = (Re: S(x1.Re - x3.Re), Im: S(x1.Im - x3.Im));
            f[at + k + 2 * m] = (S(sum02.Re - sum13.Re), S(sum02.Im - sum13.Im));
            f[at + k] = (S(sum02.Re + sum13.Re), S(sum02.Im + sum13.Im));
            // forward transform: multiply the odd difference by -i
            f[at + k + m] = (S(diff02.Re + diff13.Im), S(diff02.Im - diff13.Re));
            f[at + k + 3 * m] = (S(diff02.Re - diff13.Im), S(diff02.Im + diff13.Re));
        }
    }

    private static (short Re, short Im) Cexp(double phase) =>
        ((short)Math.Floor(0.5 + 32767 * Math.Cos(phase)), (short)Math.Floor(0.5 + 32767 * Math.Sin(phase)));

    private static short S(int v) => unchecked((short)v);

    private static short Round15(int product) => unchecked((short)((product + (1 << 14)) >> 15));

    private static (short Re, short Im) FixDiv((short Re, short Im) a, int p) =>
        (Round15(a.Re * (32767 / p)), Round15(a.Im * (32767 / p)));

    private static (short Re, short Im) Mul((short Re, short Im) a, (short Re, short Im) b) =>
        (Round15(a.Re * b.Re - a.Im * b.Im), Round15(a.Re * b.Im + a.Im * b.Re));
}
