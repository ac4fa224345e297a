using System.Buffers.Binary;
using KwsNano.Audio;
using KwsNano.Conversion;
using KwsNano.Kwsm;
using KwsNano.Native;
using KwsNano.Tests.NativeHost;
using Xunit.Abstractions;

namespace KwsNano.Tests.KwsmFormat;

/// <summary>
/// The front-end tables section (format 1.2): what the converter stores, that both readers accept it and ignore it
/// before 1.2, that a stream reading it in place computes exactly what a stream building its tables in RAM computes,
/// and that it meets the memory target (ds_cnn_s stream &lt;= 20,000 B).
/// </summary>
public class KwsmFrontendTablesTests(ITestOutputHelper output)
{
    private static byte[] Convert(string relative, bool tables) =>
        ModelLoader.Load(TestData.ModelPath(relative), new ConversionOptions { FrontendTables = tables }).Blob;

    private static uint U32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    [Theory]
    [InlineData(FrontendPresets.ArmMfcc49x10, new[] { 1, 49, 10, 1 })]
    [InlineData(FrontendPresets.ArmMfcc25x10, new[] { 1, 25, 10, 1 })]
    [InlineData(FrontendPresets.ArmMfccPeak, new[] { 1, 49, 10, 1 })]
    [InlineData(FrontendPresets.MlperfTiny, new[] { 1, 49, 10, 1 })]
    [InlineData(FrontendPresets.MicroSpeech, new[] { 1, 49, 40, 1 })]
    public void EveryComputedPresetsSectionPassesTheCheckWithTheDocumentedLayout(string preset, int[] dims)
    {
        var f = FrontendPresets.Create(preset, dims, 0.5f, 0, "test");
        byte[] sec = NativeFrontendTables.Build(f);
        Assert.Null(KwsmFrontendTables.Check(f, sec));
        Assert.Equal("FETB", System.Text.Encoding.ASCII.GetString(sec, 0, 4));
        Assert.Equal(0, sec.Length % 16);
        var dir = KwsmFrontendTables.Directory(f, sec);
        bool micro = f.Kind == (byte)KwsmFrontendKind.MicroSpeech;
        Assert.Equal(micro ? 8 : 9, dir.Count);
        int h = f.FftSize / 2;
        // fixed sizes from the descriptor (docs/kwsm-format.md "Front-end tables")
        Assert.Equal(micro ? 2 * f.FrameLength : 4 * f.FrameLength, dir[0].Size);
        Assert.Equal(4 * h, dir[1].Size);
        if (!micro)
        {
            Assert.Equal(2 * h, dir[3].Size);
            Assert.Equal(4 * f.NumCoeffs * f.MelBins, dir[8].Size);
            // the bit reversal, written out
            int bits = (int)Math.Log2(h);
            for (int k = 0; k < h; k++)
            {
                int r = 0;
                for (int b = 0; b < bits; b++) r |= ((k >> b) & 1) << (bits - 1 - b);
                Assert.Equal(r, BinaryPrimitives.ReadUInt16LittleEndian(sec.AsSpan(dir[3].Offset + 2 * k)));
            }
        }
        for (int i = 0; i < dir.Count; i++)
        {
            Assert.Equal(0, dir[i].Offset % 16);
            Assert.True(i == 0 || dir[i].Offset >= dir[i - 1].Offset + dir[i - 1].Size);
        }
        output.WriteLine($"{preset}: {sec.Length} B: " + string.Join(", ", dir.Select(t => $"{t.Name} {t.Size}")));
    }

    [Theory]
    [InlineData("ds_cnn_s.tflite")]
    [InlineData("micronet_m.tflite")]
    [InlineData("micro_speech.tflite")]
    [InlineData("ml-examples/dnn_s.tflite")]
    public void ConvertedBlobsCarryTheSectionAndBothReadersAcceptIt(string relative)
    {
        byte[] blob = Convert(relative, tables: true);
        var m = KwsmReader.Read(blob, relative);
        Assert.NotNull(m.FrontendTables);
        Assert.Null(KwsmFrontendTables.Check(m.Frontend, m.FrontendTables));
        Assert.Equal(KwsStatus.Ok, NativeEngine.Validate(blob));
        // the section sits between the op table and the data, located by the descriptor
        int fe = (int)U32(blob, KwsmLayout.FrontendOffset);
        uint at = U32(blob, fe + KwsmFrontendTables.OffTablesOffset), size = U32(blob, fe + KwsmFrontendTables.OffTablesSize);
        Assert.Equal(U32(blob, KwsmLayout.DataOffset), at + size);
        Assert.Equal(m.FrontendTables, blob.AsSpan((int)at, (int)size).ToArray());
        // without it: the same model otherwise, the blob smaller by exactly the section
        byte[] ram = Convert(relative, tables: false);
        Assert.Null(KwsmReader.Read(ram, relative).FrontendTables);
        Assert.Equal(blob.Length - size, ram.Length);
    }

    [Fact]
    public void BeforeMinorTwoTheLocationBytesAreReservedAndIgnored()
    {
        byte[] blob = Convert("ds_cnn_s.tflite", tables: true);
        // a 1.1 blob whose reserved bytes happen to point at a valid section: readers build the tables instead
        var old = (byte[])blob.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(KwsmLayout.VersionMinor), 1); // outside the CRC
        Assert.Null(KwsmReader.Read(old, "old").FrontendTables);
        Assert.Equal(KwsStatus.Ok, NativeEngine.Validate(old));
        // and garbage there is ignored too before 1.2, refused from 1.2 on
        int fe = (int)U32(old, KwsmLayout.FrontendOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(old.AsSpan(fe + KwsmFrontendTables.OffTablesOffset), 0xFFFFFFF0);
        KwsmWriter.FixCrc(old);
        Assert.Null(KwsmReader.Read(old, "old").FrontendTables);
        Assert.Equal(KwsStatus.Ok, NativeEngine.Validate(old));
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(KwsmLayout.VersionMinor), 2);
        Assert.Equal(KwsmError.Bounds, Assert.Throws<KwsmFormatException>(() => KwsmReader.Read(old, "new")).Error);
        Assert.Equal(KwsStatus.Bounds, NativeEngine.Validate(old));
    }

    [Theory]
    [MemberData(nameof(CorruptionCases))]
    public void EverySectionCorruptionGetsItsStatusFromBothReaders(string relative, string name)
    {
        byte[] blob = Convert(relative, tables: true);
        var c = KwsmCorruptions.Generate(blob).Single(x => x.Name == name);
        var e = Assert.Throws<KwsmFormatException>(() => KwsmReader.Read(c.Blob, name));
        Assert.Equal(c.Expected, e.Error);
        Assert.Equal((KwsStatus)(int)c.Expected, NativeEngine.Validate(c.Blob));
    }

    public static IEnumerable<object[]> CorruptionCases()
    {
        foreach (var relative in new[] { "ds_cnn_s.tflite", "micro_speech.tflite" })
        {
            foreach (var c in KwsmCorruptions.Generate(Convert(relative, tables: true)).Where(c => c.Name.StartsWith("fetables_", StringComparison.Ordinal)))
            {
                yield return [relative, c.Name];
            }
        }
    }

    /// <summary>
    /// The stream with the tables read from the blob (and the front-end's work buffers in the model arena) against
    /// the stream building them in RAM: the same outputs, byte for byte, on a real recording, and the RAM target.
    /// </summary>
    [Theory]
    [InlineData("ds_cnn_s.tflite")]
    [InlineData("micronet_m.tflite")]
    [InlineData("micro_speech.tflite")]
    [InlineData("ml-examples/dnn_s.tflite")]
    public void StreamOutputsAreIdenticalWithTheTablesInTheBlob(string relative)
    {
        var audio = WavReader.Read(TestData.AudioPath("recordings/yes_no_go_stop.wav")).Samples;
        var (flash, flashBytes) = Run(Convert(relative, tables: true), audio);
        var (ram, ramBytes) = Run(Convert(relative, tables: false), audio);
        Assert.True(flash.Length > 100, $"only {flash.Length} output bytes");
        Assert.Equal(ram, flash);
        Assert.True(flashBytes < ramBytes, $"stream {flashBytes} B with the tables in the blob, {ramBytes} B without");
        output.WriteLine($"{relative}: stream buffer {ramBytes:N0} B with the tables built in RAM, {flashBytes:N0} B with them in the blob; {flash.Length} identical output bytes");
        if (relative == "ds_cnn_s.tflite")
        {
            Assert.True(flashBytes <= 20_000, $"ds_cnn_s stream buffer {flashBytes} B, target 20,000");
        }
    }

    private static (sbyte[] Outputs, int StreamBytes) Run(byte[] blob, short[] audio)
    {
        Assert.Equal(KwsStatus.Ok, NativeStream.TryOpen(blob, out var s));
        using (s)
        {
            var all = new List<sbyte>();
            var outputs = new sbyte[s!.Classes * 64];
            const int chunk = 1000; // not a multiple of any hop
            var i2s = new byte[chunk * 8];
            for (int pos = 0; pos < audio.Length; pos += chunk)
            {
                int n = Math.Min(chunk, audio.Length - pos);
                for (int i = 0; i < n; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(i2s.AsSpan(8 * i), audio[pos + i] << 16); // left slot
                    BinaryPrimitives.WriteInt32LittleEndian(i2s.AsSpan(8 * i + 4), 0);
                }
                Assert.Equal(KwsStatus.Ok, s.PushI2s32(i2s, n, 0, outputs, 64, out int produced));
                all.AddRange(outputs.AsSpan(0, produced * s.Classes).ToArray());
            }
            return (all.ToArray(), s.StreamBytes);
        }
    }
}
