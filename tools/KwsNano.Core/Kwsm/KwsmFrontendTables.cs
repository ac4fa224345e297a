using System.Buffers.Binary;

namespace KwsNano.Kwsm;

/// <summary>
/// The front-end tables section of format 1.2 (docs/kwsm-format.md "Front-end tables"): the layout constants and
/// the validation rules, mirror of C <c>kws__fet_check</c> (kernels-native/src/frontend/kws_frontend_tables.c), in
/// the same order with the same error classes. The bytes themselves are built by the host library
/// (<see cref="Native.NativeFrontendTables"/>), the code the device uses when a blob has no section.
/// </summary>
public static class KwsmFrontendTables
{
    /// <summary>Offsets of the section's location inside the 64-byte descriptor (read when version_minor >= 2).</summary>
    public const int OffTablesOffset = 56, OffTablesSize = 60;
    /// <summary>First format minor version that has the section.</summary>
    public const int SinceMinor = 2;
    public const int HeaderSize = 32, Align = 16, MfccCount = 9, MicroCount = 8;
    // Header fields.
    public const int OffMagic = 0, OffKind = 4, OffCount = 5, OffSampleRate = 8, OffFrameLength = 12, OffFftSize = 14;
    public const int OffMelBins = 16, OffNumCoeffs = 18, OffMelLowHz = 20, OffMelHighHz = 24, OffWindow = 28;
    public const int OffMelFormula = 29, OffDct = 30;
    /// <summary>The magic bytes "FETB".</summary>
    public static ReadOnlySpan<byte> Magic => "FETB"u8;

    /// <summary>Table names of kinds 1 and 2 (MFCC), in directory order.</summary>
    public static readonly IReadOnlyList<string> MfccNames =
        ["window f32", "fft cos f32", "fft sin f32", "bit reversal u16", "mel first bin u16", "mel bin count u16", "mel weight offset u32", "mel weights f32", "dct f32"];
    /// <summary>Table names of kind 3 (micro_speech), in directory order.</summary>
    public static readonly IReadOnlyList<string> MicroNames =
        ["window q12 i16", "twiddles q15 i16x2", "super twiddles q15 i16x2", "band start u16", "weights q12 i16", "unweights q12 i16", "pcan lut i16", "log lut u16"];

    private const int PcanLut = 125, LogLut = 130;
    private const uint F32One = 0x3F800000, F32Sqrt2 = 0x3FB504F3;

    /// <summary>One table of a section: its name, offset inside the section and size in bytes.</summary>
    public sealed record Table(string Name, int Offset, int Size);

    private static bool IsMicro(KwsmFrontend f) => f.Kind == (byte)KwsmFrontendKind.MicroSpeech;

    /// <summary>The directory of a section that passed <see cref="Check"/>.</summary>
    public static IReadOnlyList<Table> Directory(KwsmFrontend f, ReadOnlySpan<byte> sec)
    {
        var names = IsMicro(f) ? MicroNames : MfccNames;
        var list = new List<Table>(names.Count);
        for (int i = 0; i < names.Count; i++)
        {
            list.Add(new Table(names[i], (int)U32(sec, HeaderSize + 8 * i), (int)U32(sec, HeaderSize + 8 * i + 4)));
        }
        return list;
    }

    private static uint U32(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt32LittleEndian(s[at..]);
    private static ushort U16(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
    private static uint Bits(float f) => BitConverter.SingleToUInt32Bits(f);

    private static int[] MaxBytes(KwsmFrontend f)
    {
        int n = f.FftSize, h = n / 2, bins = h + 1, m = f.MelBins;
        return IsMicro(f)
            ? [2 * f.FrameLength, 4 * h, 4 * (n / 4), 2 * (m + 2), 2 * bins, 2 * bins, 2 * PcanLut, 2 * LogLut]
            : [4 * f.FrameLength, 4 * h, 4 * h, 2 * h, 2 * m, 2 * m, 4 * m, 8 * bins, 4 * f.NumCoeffs * m];
    }

    /// <summary>
    /// Null when <paramref name="sec"/> is a valid tables section for <paramref name="f"/> (a descriptor that passed
    /// <see cref="KwsmFrontendRules.Check"/>), else the error class and what is wrong, offsets relative to the section.
    /// </summary>
    public static (KwsmError Error, string Problem)? Check(KwsmFrontend f, ReadOnlySpan<byte> sec)
    {
        if (!KwsmFrontendRules.IsComputed(f.Kind))
        {
            return (KwsmError.Frontend, $"front-end kind {f.Kind} computes no features, so it has no tables section");
        }
        bool micro = IsMicro(f);
        int count = micro ? MicroCount : MfccCount;
        int dirEnd = HeaderSize + 8 * count;
        if (sec.Length < dirEnd || !sec[..4].SequenceEqual(Magic))
        {
            return (KwsmError.Frontend, $"front-end tables section ({sec.Length} bytes) does not start with 'FETB' and a {dirEnd}-byte header and directory");
        }
        if (sec[OffKind] != f.Kind || sec[OffCount] != count || U32(sec, OffSampleRate) != (uint)f.SampleRate ||
            U16(sec, OffFrameLength) != f.FrameLength || U16(sec, OffFftSize) != f.FftSize || U16(sec, OffMelBins) != f.MelBins ||
            U16(sec, OffNumCoeffs) != f.NumCoeffs || U32(sec, OffMelLowHz) != Bits(f.MelLowHz) || U32(sec, OffMelHighHz) != Bits(f.MelHighHz) ||
            sec[OffWindow] != f.Window || sec[OffMelFormula] != f.MelFormula || sec[OffDct] != f.Dct)
        {
            return (KwsmError.Frontend, "front-end tables section header (kind, table count, sample_rate, frame_length, fft_size, mel_bins, num_coeffs, mel edges, window, mel formula, dct) differs from the descriptor");
        }
        var max = MaxBytes(f);
        var off = new int[count];
        var size = new int[count];
        long end = dirEnd;
        var names = micro ? MicroNames : MfccNames;
        for (int i = 0; i < count; i++)
        {
            uint o = U32(sec, HeaderSize + 8 * i), n = U32(sec, HeaderSize + 8 * i + 4);
            string w = $"front-end table {i} ({names[i]}) at [{o}, {(long)o + n})";
            if (o > sec.Length || n > sec.Length - o) return (KwsmError.Bounds, $"{w} is outside the {sec.Length}-byte section");
            if (o % Align != 0) return (KwsmError.Align, $"{w}: offset not {Align}-aligned");
            if (o < end) return (KwsmError.Frontend, $"{w} overlaps the header, the directory or the previous table (ends at {end})");
            bool variable = micro ? i is 4 or 5 : i == 7;
            int unit = micro ? 2 : 4;
            if (variable ? (n > max[i] || n % unit != 0) : n != max[i])
            {
                return (KwsmError.Frontend, variable ? $"{w}: {n} bytes, must be a multiple of {unit} up to {max[i]}" : $"{w}: {n} bytes, the descriptor needs {max[i]}");
            }
            off[i] = (int)o;
            size[i] = (int)n;
            end = (long)o + n;
        }
        if (KwsmLayout.Align((int)end, 16) != sec.Length)
        {
            return (KwsmError.Frontend, $"front-end tables section is {sec.Length} bytes; its last table ends at {end} (padded: {KwsmLayout.Align((int)end, 16)})");
        }
        return micro ? CheckMicro(f, sec, off, size) : CheckMfcc(f, sec, off, size);
    }

    private static bool FloatsWithin(ReadOnlySpan<byte> p, int n, uint maxBits, bool nonNegative)
    {
        for (int i = 0; i < n; i++)
        {
            uint u = U32(p, 4 * i);
            if ((nonNegative ? u : u & 0x7FFFFFFF) > maxBits) return false;
        }
        return true;
    }

    private static (KwsmError, string)? CheckMfcc(KwsmFrontend f, ReadOnlySpan<byte> s, int[] off, int[] size)
    {
        int h = f.FftSize / 2, bins = h + 1, m = f.MelBins;
        var rev = s[off[3]..];
        if (U16(rev, 0) != 0) return (KwsmError.Frontend, "front-end table 3 (bit reversal): entry 0 is not 0");
        for (int k = 1; k < h; k++)
        {
            int expected = (U16(rev, 2 * (k >> 1)) >> 1) | ((k & 1) != 0 ? h >> 1 : 0);
            if (U16(rev, 2 * k) != expected) return (KwsmError.Frontend, $"front-end table 3 (bit reversal): entry {k} is {U16(rev, 2 * k)}, the bit reversal of {k} is {expected}");
        }
        long used = 0;
        for (int b = 0; b < m; b++)
        {
            int first = U16(s, off[4] + 2 * b), count = U16(s, off[5] + 2 * b);
            uint offset = U32(s, off[6] + 4 * b);
            if (offset != used || count > bins) return (KwsmError.Frontend, $"mel filter {b}: weight offset {offset} (expected {used}) or bin count {count} (at most {bins}) wrong");
            if (count != 0 && (first < 1 || first + count > bins)) return (KwsmError.Frontend, $"mel filter {b}: bins [{first}, {first + count}) not inside [1, {bins})");
            used += count;
        }
        if (4 * used != size[7]) return (KwsmError.Frontend, $"mel weights table is {size[7]} bytes; the filters use {used} weights ({4 * used} bytes)");
        if (!FloatsWithin(s[off[0]..], f.FrameLength, F32One, true) || !FloatsWithin(s[off[1]..], h, F32One, false) ||
            !FloatsWithin(s[off[2]..], h, F32One, false) || !FloatsWithin(s[off[7]..], (int)used, F32One, true) ||
            !FloatsWithin(s[off[8]..], f.NumCoeffs * m, F32Sqrt2, false))
        {
            return (KwsmError.Frontend, "a front-end table value is out of range (window and mel weights 0..1, twiddles -1..1, DCT within +-sqrt(2), no NaN)");
        }
        return null;
    }

    private static (KwsmError, string)? CheckMicro(KwsmFrontend f, ReadOnlySpan<byte> s, int[] off, int[] size)
    {
        int bins = f.FftSize / 2 + 1, m = f.MelBins;
        int prev = U16(s, off[3]);
        if (prev < 1) return (KwsmError.Frontend, "micro_speech band 0 starts at bin 0 (DC)");
        for (int i = 1; i < m + 2; i++)
        {
            int b = U16(s, off[3] + 2 * i);
            if (b < prev) return (KwsmError.Frontend, $"micro_speech band start {i} ({b}) is below the previous ({prev})");
            prev = b;
        }
        if (prev > bins - 1) return (KwsmError.Frontend, $"micro_speech bands end at bin {prev}, past {bins - 1}");
        int used = prev - U16(s, off[3]);
        if (size[4] != 2 * used || size[5] != 2 * used) return (KwsmError.Frontend, $"micro_speech weights/unweights are {size[4]}/{size[5]} bytes; the bands cover {used} bins ({2 * used} bytes)");
        for (int t = 4; t <= 5; t++)
        {
            for (int i = 0; i < used; i++)
            {
                if (U16(s, off[t] + 2 * i) > 4096) return (KwsmError.Frontend, $"micro_speech {(t == 4 ? "weight" : "unweight")} {i} is {U16(s, off[t] + 2 * i)}, outside Q12 0..4096");
            }
        }
        return null;
    }
}
