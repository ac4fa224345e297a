using System.Text;
using System.Text.RegularExpressions;

namespace KwsNano.Cli.CortexM;

/// <summary>Reads a NumPy <c>.npy</c> file (format 1.x/2.x) holding int8 data in C order, e.g. a golden vector.</summary>
public static class NpyInt8
{
    /// <summary>Reads <paramref name="path"/> and returns its elements (flattened) and shape.</summary>
    /// <exception cref="CliException">The file is missing, not a .npy file, or not int8 C-ordered data.</exception>
    public static (sbyte[] Data, int[] Shape) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"golden vector file not found: {path}");
        }
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a .npy file; <paramref name="where"/> names it in error messages.</summary>
    public static (sbyte[] Data, int[] Shape) Parse(byte[] bytes, string where)
    {
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
        {
            throw new CliException($"{where}: not a .npy file (bad magic)");
        }
        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1)
        {
            headerLength = bytes[8] | (bytes[9] << 8);
            headerStart = 10;
        }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12)
            {
                throw new CliException($"{where}: truncated .npy header");
            }
            headerLength = (int)BitConverter.ToUInt32(bytes, 8);
            headerStart = 12;
        }
        else
        {
            throw new CliException($"{where}: unsupported .npy version {major}");
        }
        if (headerStart + headerLength > bytes.Length)
        {
            throw new CliException($"{where}: truncated .npy header");
        }
        string header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = Regex.Match(header, @"'descr'\s*:\s*'([^']*)'");
        if (!descr.Success || (descr.Groups[1].Value != "|i1" && descr.Groups[1].Value != "<i1" && descr.Groups[1].Value != "i1"))
        {
            throw new CliException($"{where}: expected int8 data ('|i1'), header says {(descr.Success ? descr.Groups[1].Value : "nothing")}");
        }
        if (Regex.IsMatch(header, @"'fortran_order'\s*:\s*True"))
        {
            throw new CliException($"{where}: Fortran-ordered arrays are not supported");
        }
        var shapeMatch = Regex.Match(header, @"'shape'\s*:\s*\(([^)]*)\)");
        if (!shapeMatch.Success)
        {
            throw new CliException($"{where}: .npy header has no shape");
        }
        var shape = shapeMatch.Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse)
            .ToArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        int dataStart = headerStart + headerLength;
        if (bytes.Length - dataStart != count)
        {
            throw new CliException($"{where}: shape ({string.Join(", ", shape)}) needs {count} bytes of data, file has {bytes.Length - dataStart}");
        }
        var data = new sbyte[count];
        Buffer.BlockCopy(bytes, dataStart, data, 0, (int)count);
        return (data, shape);
    }
}
