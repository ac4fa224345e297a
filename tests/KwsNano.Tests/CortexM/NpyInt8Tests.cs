using System.Text;
using KwsNano.Cli;
using KwsNano.Cli.CortexM;

namespace KwsNano.Tests.CortexM;

public class NpyInt8Tests
{
    private static byte[] Npy(string header, byte[] data)
    {
        var h = Encoding.ASCII.GetBytes(header);
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0, (byte)(h.Length & 0xFF), (byte)(h.Length >> 8)]);
        bytes.AddRange(h);
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    [Fact]
    public void ParsesInt8ArrayAndShape()
    {
        var file = Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (1, 3), }\n", [0xFF, 0x00, 0x7F]);
        var (data, shape) = NpyInt8.Parse(file, "t.npy");
        Assert.Equal(new sbyte[] { -1, 0, 127 }, data);
        Assert.Equal(new[] { 1, 3 }, shape);
    }

    [Fact]
    public void RejectsOtherTypes()
    {
        var file = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", [0, 0, 0, 0]);
        var e = Assert.Throws<CliException>(() => NpyInt8.Parse(file, "f.npy"));
        Assert.Contains("f.npy", e.Message);
        Assert.Contains("<f4", e.Message);
    }

    [Fact]
    public void RejectsDataOfTheWrongLength()
    {
        var file = Npy("{'descr': '|i1', 'fortran_order': False, 'shape': (4,), }\n", [1, 2, 3]);
        var e = Assert.Throws<CliException>(() => NpyInt8.Parse(file, "short.npy"));
        Assert.Contains("needs 4 bytes", e.Message);
    }

    [Fact]
    public void RejectsNonNpy()
    {
        Assert.Throws<CliException>(() => NpyInt8.Parse(Encoding.ASCII.GetBytes("hello world"), "x"));
    }

    [Fact]
    public void ReadsTheSharedGoldenVectors()
    {
        Assert.Equal(490, NpyInt8.Read(TestData.ModelPath("ds_cnn_s.golden-input.npy")).Data.Length);
        Assert.Equal(12, NpyInt8.Read(TestData.ModelPath("ds_cnn_s.golden-output.npy")).Data.Length);
    }
}
