using System.Buffers.Binary;
using KwsNano.Kwsm;

namespace KwsNano.Tests.KwsmFormat;

public class KwsmReaderCorruptionTests
{
    public static IEnumerable<object[]> Models() => new[]
    {
        new object[] { "ds_cnn_s.tflite" },
        new object[] { "micronet_m.tflite" },
        new object[] { "micro_speech.tflite" },
        new object[] { "ml-examples/dnn_s.tflite" },
        new object[] { "ml-examples/cnn_s.tflite" },
    };

    private static KwsmError ErrorOf(byte[] blob)
    {
        var e = Assert.Throws<KwsmFormatException>(() => KwsmReader.Read(blob, "bad.kwsm"));
        Assert.StartsWith("bad.kwsm: ", e.Message);
        return e.Error;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TruncationsAreTruncatedOrSize(string relative)
    {
        byte[] blob = KwsmTestModels.Blob(relative);
        var offsets = Enumerable.Range(0, 130).Concat(Enumerable.Range(1, 300).Select(i => (int)((long)blob.Length * i / 301))).Distinct();
        foreach (int n in offsets.Where(n => n < blob.Length))
        {
            Assert.Equal(n < 64 ? KwsmError.Truncated : KwsmError.Size, ErrorOf(blob[..n]));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void RandomByteFlipsAreCaught(string relative)
    {
        byte[] blob = KwsmTestModels.Blob(relative);
        var rng = new Random(4242);
        for (int trial = 0; trial < 500; trial++)
        {
            var b = (byte[])blob.Clone();
            int at = trial < 100 ? rng.Next(16) : 16 + rng.Next(b.Length - 16);
            b[at] ^= (byte)(1 << rng.Next(8));
            if (at is 6 or 7)
            {
                // A higher minor version is accepted by design; the minor field is outside the CRC.
                var m = KwsmReader.Read(b, "minor.kwsm");
                Assert.NotNull(m);
                continue;
            }
            var expected = at switch
            {
                < 4 => KwsmError.Magic,
                < 6 => KwsmError.Version,
                < 12 => KwsmError.Size,
                _ => KwsmError.Crc,
            };
            Assert.Equal(expected, ErrorOf(b));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void CraftedCorruptionsGiveTheirDocumentedError(string relative)
    {
        byte[] blob = KwsmTestModels.Blob(relative);
        var cases = KwsmCorruptions.Generate(blob);
        Assert.True(cases.Count >= 45, $"only {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        foreach (var c in cases)
        {
            KwsmError actual;
            try
            {
                KwsmReader.Read(c.Blob, "bad.kwsm");
                Assert.Fail($"{c.Name} ({c.Description}) was accepted");
                return;
            }
            catch (KwsmFormatException e)
            {
                actual = e.Error;
            }
            Assert.True(c.Expected == actual, $"{c.Name} ({c.Description}): expected {c.Expected}, got {actual}");
        }
        // Every error class past the header checks is exercised on the reference model.
        if (relative == "ds_cnn_s.tflite")
        {
            Assert.Equal(Enum.GetValues<KwsmError>().OrderBy(e => e), cases.Select(c => c.Expected).Distinct().OrderBy(e => e));
        }
    }

    [Fact]
    public void CraftedCasesKeepAValidCrcAfterTheCrcStep()
    {
        byte[] blob = KwsmTestModels.Blob("ds_cnn_s.tflite");
        foreach (var c in KwsmCorruptions.Generate(blob).Where(c => c.Expected > KwsmError.Crc))
        {
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(c.Blob.AsSpan(12));
            Assert.Equal(Crc32.Compute(c.Blob.AsSpan(16)), crc);
            Assert.Equal((uint)c.Blob.Length, BinaryPrimitives.ReadUInt32LittleEndian(c.Blob.AsSpan(8)));
        }
    }

    [Fact]
    public void HigherMinorVersionIsAccepted()
    {
        byte[] b = KwsmTestModels.Blob("ds_cnn_s.tflite");
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(6), 3);
        Assert.Equal(14, KwsmReader.Read(b, "minor.kwsm").Ops.Count);
    }

    [Fact]
    public void MessagesSayWhatAndWhere()
    {
        byte[] b = KwsmTestModels.Blob("ds_cnn_s.tflite");
        var shift = KwsmCorruptions.Generate(b).Single(c => c.Name == "op_shift");
        var e = Assert.Throws<KwsmFormatException>(() => KwsmReader.Read(shift.Blob, "m.kwsm"));
        Assert.Matches(@"^m\.kwsm: op 1 Conv2D \(record at offset \d+\): channel 0 shift 40 outside -31\.\.30$", e.Message);
    }
}
