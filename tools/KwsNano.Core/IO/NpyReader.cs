using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace KwsNano.IO;

/// <summary>
/// Reader of NumPy <c>.npy</c> files, format versions 1.0, 2.0 and 3.0: magic <c>\x93NUMPY</c>, version
/// bytes, header length (u16 for v1, u32 for v2/v3), a Python dict literal with 'descr', 'fortran_order'
/// and 'shape', then the raw little-endian elements. Supports bool-free numeric types i1/u1/i2/u2/i4/u4/
/// i8/u8/f4/f8 in little-endian or byte order '|' / '='.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a .npy file.</summary>
    /// <exception cref="InvalidDataException">The file is not a supported .npy (message names the file and the problem).</exception>
    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read .npy file: {e.Message}", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses .npy content held in memory; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The content is not a supported .npy.</exception>
    public static NpyArray Parse(ReadOnlySpan<byte> bytes, string source = "<npy>")
    {
        if (bytes.Length < 10 || !bytes[..6].SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{source}: not a .npy file (missing \\x93NUMPY magic at offset 0)");
        }
        int major = bytes[6];
        int minor = bytes[7];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new InvalidDataException($"{source}: truncated .npy v{major} preamble ({bytes.Length} bytes)");
            }
            uint len = BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]);
            if (len > int.MaxValue - 12)
            {
                throw new InvalidDataException($"{source}: header length {len} at offset 8 is too large");
            }
            headerLength = (int)len;
            headerStart = 12;
        }
        else
        {
            throw new InvalidDataException($"{source}: unsupported .npy format version {major}.{minor} (supported: 1.x, 2.x, 3.x)");
        }
        if (headerStart + headerLength > bytes.Length)
        {
            throw new InvalidDataException(
                $"{source}: header of {headerLength} bytes at offset {headerStart} runs past the end of the {bytes.Length}-byte file");
        }
        Encoding encoding = major == 3 ? Encoding.UTF8 : Encoding.Latin1;
        string header = encoding.GetString(bytes.Slice(headerStart, headerLength));

        string descr = StringField(header, "descr", source);
        bool fortran = BoolField(header, "fortran_order", source);
        int[] shape = ShapeField(header, source);

        long count = 1;
        foreach (int d in shape)
        {
            count *= d;
            if (count > int.MaxValue)
            {
                throw new InvalidDataException($"{source}: shape ({string.Join(", ", shape)}) has too many elements");
            }
        }
        if (fortran && shape.Count(d => d > 1) > 1)
        {
            throw new InvalidDataException($"{source}: fortran_order arrays with more than one non-trivial dimension are not supported");
        }

        var (kind, size) = ParseDescr(descr, source);
        int dataStart = headerStart + headerLength;
        long dataBytes = count * size;
        if (bytes.Length - dataStart != dataBytes)
        {
            throw new InvalidDataException(
                $"{source}: shape ({string.Join(", ", shape)}) of '{descr}' needs {dataBytes} data bytes after offset {dataStart}, the file has {bytes.Length - dataStart}");
        }
        ReadOnlySpan<byte> data = bytes.Slice(dataStart);
        int n = (int)count;
        Array array = (kind, size) switch
        {
            ('i', 1) => Convert(data, n, 1, s => (sbyte)s[0]),
            ('u', 1) => Convert(data, n, 1, s => s[0]),
            ('i', 2) => Convert(data, n, 2, BinaryPrimitives.ReadInt16LittleEndian),
            ('u', 2) => Convert(data, n, 2, BinaryPrimitives.ReadUInt16LittleEndian),
            ('i', 4) => Convert(data, n, 4, BinaryPrimitives.ReadInt32LittleEndian),
            ('u', 4) => Convert(data, n, 4, BinaryPrimitives.ReadUInt32LittleEndian),
            ('i', 8) => Convert(data, n, 8, BinaryPrimitives.ReadInt64LittleEndian),
            ('u', 8) => Convert(data, n, 8, BinaryPrimitives.ReadUInt64LittleEndian),
            ('f', 4) => Convert(data, n, 4, BinaryPrimitives.ReadSingleLittleEndian),
            ('f', 8) => Convert(data, n, 8, BinaryPrimitives.ReadDoubleLittleEndian),
            _ => throw new InvalidDataException($"{source}: unsupported element type '{descr}'"),
        };
        return new NpyArray(descr, shape, array, source);
    }

    private delegate T ElementReader<T>(ReadOnlySpan<byte> bytes);

    private static T[] Convert<T>(ReadOnlySpan<byte> data, int count, int size, ElementReader<T> read)
    {
        var result = new T[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = read(data.Slice(i * size, size));
        }
        return result;
    }

    /// <summary>Splits a descr like '&lt;f4' into kind 'f' and size 4, refusing big-endian and non-numeric types.</summary>
    private static (char Kind, int Size) ParseDescr(string descr, string source)
    {
        Match m = DescrPattern().Match(descr);
        if (!m.Success)
        {
            throw new InvalidDataException($"{source}: unsupported element type '{descr}' (supported: i1 u1 i2 u2 i4 u4 i8 u8 f4 f8, little-endian)");
        }
        string order = m.Groups[1].Value;
        char kind = m.Groups[2].Value[0];
        int size = int.Parse(m.Groups[3].Value);
        bool sizeOk = kind == 'f' ? size is 4 or 8 : size is 1 or 2 or 4 or 8;
        if (!sizeOk)
        {
            throw new InvalidDataException($"{source}: unsupported element type '{descr}' (size {size})");
        }
        if (order == ">" && size > 1)
        {
            throw new InvalidDataException($"{source}: big-endian element type '{descr}' is not supported");
        }
        if (order == "=" && !BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException($"{source}: native-order element type '{descr}' on a big-endian host is not supported");
        }
        return (kind, size);
    }

    private static string StringField(string header, string key, string source)
    {
        Match m = Regex.Match(header, $@"['""]{key}['""]\s*:\s*['""]([^'""]*)['""]");
        if (!m.Success)
        {
            throw new InvalidDataException($"{source}: header has no '{key}' string entry: {header.Trim()}");
        }
        return m.Groups[1].Value;
    }

    private static bool BoolField(string header, string key, string source)
    {
        Match m = Regex.Match(header, $@"['""]{key}['""]\s*:\s*(True|False)");
        if (!m.Success)
        {
            throw new InvalidDataException($"{source}: header has no '{key}' True/False entry: {header.Trim()}");
        }
        return m.Groups[1].Value == "True";
    }

    private static int[] ShapeField(string header, string source)
    {
        Match m = Regex.Match(header, @"['""]shape['""]\s*:\s*\(([^)]*)\)");
        if (!m.Success)
        {
            throw new InvalidDataException($"{source}: header has no 'shape' tuple: {header.Trim()}");
        }
        var dims = new List<int>();
        foreach (string part in m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string digits = part.TrimEnd('L'); // Python 2 writers emit 490L
            if (!int.TryParse(digits, out int d) || d < 0)
            {
                throw new InvalidDataException($"{source}: shape entry '{part}' is not a non-negative integer");
            }
            dims.Add(d);
        }
        return dims.ToArray();
    }

    [GeneratedRegex(@"^([<>|=]?)([iuf])(\d+)$")]
    private static partial Regex DescrPattern();
}
