using System.Text;
using KwsNano.IO;

namespace KwsNano.Tests.IO;

public class NpyReaderTests
{
    /// <summary>Builds a .npy byte image: magic, version, header length, padded header, data.</summary>
    private static byte[] Npy(string header, byte[] data, int major = 1)
    {
        int preamble = major == 1 ? 10 : 12;
        string h = header;
        int total = preamble + h.Length + 1;
        h += new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange("NUMPY"u8.ToArray());
        bytes.Add((byte)major);
        bytes.Add(0);
        if (major == 1)
        {
            bytes.AddRange(BitConverter.GetBytes((ushort)h.Length));
        }
        else
        {
            bytes.AddRange(BitConverter.GetBytes((uint)h.Length));
        }
        bytes.AddRange(Encoding.ASCII.GetBytes(h));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void ReadsInt8V1()
    {
        byte[] file = Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 3), }", [0xFF, 0x80, 0x7F]);
        NpyArray a = NpyReader.Parse(file);
        Assert.Equal("|i1", a.Descr);
        Assert.Equal(new[] { 1, 3 }, a.Shape);
        Assert.Equal(new sbyte[] { -1, -128, 127 }, a.Get<sbyte>());
    }

    [Fact]
    public void ReadsFloat32V2()
    {
        byte[] data = new[] { 1.5f, -2.25f, 0f, 1e-3f }.SelectMany(BitConverter.GetBytes).ToArray();
        NpyArray a = NpyReader.Parse(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", data, major: 2));
        Assert.Equal(new[] { 2, 2 }, a.Shape);
        Assert.Equal(new[] { 1.5f, -2.25f, 0f, 1e-3f }, a.Get<float>());
    }

    [Fact]
    public void ReadsInt32AndScalarShape()
    {
        NpyArray a = NpyReader.Parse(Npy("{'descr': '<i4', 'fortran_order': False, 'shape': (), }", BitConverter.GetBytes(-123456)));
        Assert.Empty(a.Shape);
        Assert.Equal(new[] { -123456 }, a.Get<int>());
    }

    [Fact]
    public void WrongTypeRequest_NamesTheActualType()
    {
        NpyArray a = NpyReader.Parse(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", BitConverter.GetBytes(1f)), "x.npy");
        var e = Assert.Throws<InvalidDataException>(() => a.Get<sbyte>());
        Assert.Contains("x.npy", e.Message);
        Assert.Contains("<f4", e.Message);
    }

    [Theory]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4, "big-endian")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", 8, "unsupported element type")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8, "unsupported element type")]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16, "fortran_order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 8, "needs 12 data bytes")]
    [InlineData("{'fortran_order': False, 'shape': (3,), }", 3, "'descr'")]
    [InlineData("{'descr': '|i1', 'fortran_order': False, }", 3, "'shape'")]
    public void RejectsUnsupportedOrInconsistentFiles(string header, int dataBytes, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Parse(Npy(header, new byte[dataBytes]), "bad.npy"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.npy", e.Message);
    }

    [Fact]
    public void RejectsBadMagicAndVersion()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Parse("PK\x03\x04 not numpy at all"u8, "a.npy"));
        Assert.Contains("magic", e.Message);
        byte[] v9 = Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1,), }", [1]);
        v9[6] = 9;
        e = Assert.Throws<InvalidDataException>(() => NpyReader.Parse(v9, "a.npy"));
        Assert.Contains("version 9.0", e.Message);
    }

    [Fact]
    public void RejectsTruncatedHeader()
    {
        byte[] file = Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1,), }", [1]);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Parse(file.AsSpan(0, 20), "t.npy"));
        Assert.Contains("runs past the end", e.Message);
    }

    [Fact]
    public void MissingFile_IsAClearError()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read("/nonexistent/dir/x.npy"));
        Assert.Contains("/nonexistent/dir/x.npy", e.Message);
    }
}
