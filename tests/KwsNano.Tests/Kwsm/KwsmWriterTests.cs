using System.Buffers.Binary;
using System.Text;
using KwsNano.Kwsm;

namespace KwsNano.Tests.KwsmFormat;

public class KwsmWriterTests
{
    [Fact]
    public void Crc32MatchesTheStandardCheckValue()
    {
        // CRC-32/ISO-HDLC check value of "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void HeaderAndSectionsFollowTheFormatDocument()
    {
        byte[] b = KwsmTestModels.Blob("ds_cnn_s.tflite");
        uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
        int U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
        Assert.Equal("KWSM", Encoding.ASCII.GetString(b, 0, 4));
        Assert.Equal(1, U16(4));
        Assert.Equal(2, U16(6)); // minor 2: the front-end tables section (1: in-place conv/depthwise and kernel scratch)
        Assert.Equal((uint)b.Length, U32(8));
        Assert.Equal(Crc32.Compute(b.AsSpan(16)), U32(12));
        Assert.Equal((uint)KwsmModelFlags.OutputIsSoftmax, U32(16));
        Assert.Equal(0u, U32(20) % 16);
        int tensors = U16(24), ops = U16(26);
        Assert.Equal(14, ops);
        // Sections in order without gaps other than alignment.
        Assert.Equal(64u, U32(32));
        Assert.Equal(U32(32) + U32(36), U32(40));
        Assert.Equal(U32(40) + 64, U32(44));
        Assert.Equal(U32(44) + (uint)(32 * tensors), U32(48));
        uint opsEnd = U32(48) + (uint)(96 * ops);
        // 1.2: the front-end tables section between the op table and the data, located by the descriptor.
        uint fet = U32((int)U32(40) + 56), fetSize = U32((int)U32(40) + 60);
        Assert.Equal((opsEnd + 15) & ~15u, fet);
        Assert.True(fetSize > 0 && fetSize % 16 == 0);
        Assert.Equal("FETB", Encoding.ASCII.GetString(b, (int)fet, 4));
        Assert.Equal(fet + fetSize, U32(52));
        Assert.Equal((uint)b.Length, U32(52) + U32(56));
        Assert.Equal(0u, U32(56) % 16);
        Assert.Equal(0u, U32(60));
        // Labels: count then length-prefixed strings.
        int lab = (int)U32(32);
        Assert.Equal(12, U16(lab));
        Assert.Equal(9, b[lab + 2]);
        Assert.Equal("_silence_", Encoding.UTF8.GetString(b, lab + 3, 9));
        // Front-end preset name at descriptor offset 40.
        int fe = (int)U32(40);
        Assert.Equal(1, b[fe]);
        Assert.Equal("arm-mfcc-49x10", Encoding.ASCII.GetString(b, fe + 40, 14));
        Assert.Equal(0, b[fe + 54]);
    }

    [Fact]
    public void EveryDataBlockIs16AlignedInsideTheDataSection()
    {
        byte[] b = KwsmTestModels.Blob("micronet_m.tflite");
        var model = KwsmReader.Read(b, "micronet_m.kwsm");
        uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
        int opsOff = (int)U32(48);
        uint dataOff = U32(52);
        for (int i = 0; i < model.Ops.Count; i++)
        {
            for (int field = 36; field <= 52; field += 8)
            {
                uint off = U32(opsOff + 96 * i + field), size = U32(opsOff + 96 * i + field + 4);
                if (size == 0)
                {
                    Assert.Equal(0u, off);
                    continue;
                }
                Assert.Equal(0u, off % 16);
                Assert.True(off >= dataOff && off + size <= b.Length);
            }
        }
    }

    [Fact]
    public void CSourceHoldsTheSameBytes()
    {
        byte[] blob = KwsmTestModels.Blob("micro_speech.tflite");
        string dir = TestData.NewTempDir();
        var (h, c) = KwsmCSourceWriter.Write("micro_speech", blob, dir);
        Assert.EndsWith("micro_speech_kwsm.h", h);
        string header = File.ReadAllText(h);
        Assert.Contains("extern const uint8_t micro_speech_kwsm[];", header);
        Assert.Contains($"#define MICRO_SPEECH_KWSM_LEN {blob.Length}u", header);
        string source = File.ReadAllText(c);
        Assert.Contains("__attribute__((aligned(16)))", source);
        var bytes = System.Text.RegularExpressions.Regex.Matches(source, "0x([0-9a-f]{2}),").Select(m => Convert.ToByte(m.Groups[1].Value, 16)).ToArray();
        Assert.Equal(blob, bytes);
        Directory.Delete(dir, true);
    }
}
