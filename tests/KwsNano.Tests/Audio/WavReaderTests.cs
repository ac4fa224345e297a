using System.Buffers.Binary;
using KwsNano.Audio;

namespace KwsNano.Tests.Audio;

public class WavReaderTests
{
    /// <summary>Builds a WAV with arbitrary header fields and <paramref name="dataBytes"/> of payload.</summary>
    private static byte[] MakeWav(ushort format, ushort channels, int rate, ushort bits, int dataBytes, int? declaredData = null)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(36 + dataBytes);
        w.Write("WAVE"u8);
        w.Write("fmt "u8);
        w.Write(16);
        w.Write(format);
        w.Write(channels);
        w.Write(rate);
        w.Write(rate * channels * bits / 8);
        w.Write((ushort)(channels * bits / 8));
        w.Write(bits);
        w.Write("data"u8);
        w.Write(declaredData ?? dataBytes);
        for (int i = 0; i < dataBytes; i++)
        {
            w.Write((byte)(i * 7));
        }
        return ms.ToArray();
    }

    [Fact]
    public void ReadsTheRecordings()
    {
        var yes = WavReader.Read(AudioTestData.Recording("yes.wav"));
        Assert.Equal(16000, yes.SampleRate);
        Assert.Equal(1, yes.SourceChannels);
        Assert.Equal(16000, yes.Samples.Length);
        Assert.Contains(yes.Samples, s => Math.Abs((int)s) > 1000);
        var four = WavReader.Read(AudioTestData.Recording("yes_no_go_stop.wav"));
        Assert.Equal(4.0, four.DurationSeconds, 1);
    }

    [Fact]
    public void RoundTripsEncodedSamples()
    {
        short[] samples = [0, 1, -1, short.MaxValue, short.MinValue, 1234];
        var audio = WavReader.Parse(WavReader.Encode(samples), "mem.wav");
        Assert.Equal(samples, audio.Samples);
    }

    [Fact]
    public void StereoIsAveraged()
    {
        var bytes = MakeWav(1, 2, 16000, 16, 8);
        var s = bytes.AsSpan(44);
        BinaryPrimitives.WriteInt16LittleEndian(s, 1000);
        BinaryPrimitives.WriteInt16LittleEndian(s[2..], -3001);
        BinaryPrimitives.WriteInt16LittleEndian(s[4..], short.MaxValue);
        BinaryPrimitives.WriteInt16LittleEndian(s[6..], short.MaxValue);
        var audio = WavReader.Parse(bytes, "stereo.wav");
        Assert.Equal(2, audio.SourceChannels);
        Assert.Equal(new short[] { -1001, short.MaxValue }, audio.Samples);
    }

    [Fact]
    public void SkipsUnknownChunksWithOddPadding()
    {
        var baseWav = WavReader.Encode([5, 6, 7]);
        var ms = new MemoryStream();
        ms.Write(baseWav, 0, 36);             // RIFF header + fmt chunk
        ms.Write("LIST"u8);
        ms.Write(BitConverter.GetBytes(3));
        ms.Write([1, 2, 3, 0]);               // 3 bytes + pad byte
        ms.Write(baseWav, 36, baseWav.Length - 36);
        Assert.Equal(new short[] { 5, 6, 7 }, WavReader.Parse(ms.ToArray(), "list.wav").Samples);
    }

    [Theory]
    [InlineData((ushort)1, (ushort)1, 44100, (ushort)16, "44100 Hz")]
    [InlineData((ushort)1, (ushort)1, 16000, (ushort)8, "8-bit PCM")]
    [InlineData((ushort)1, (ushort)1, 16000, (ushort)24, "24-bit PCM")]
    [InlineData((ushort)3, (ushort)1, 16000, (ushort)32, "32-bit IEEE float")]
    [InlineData((ushort)1, (ushort)3, 16000, (ushort)16, "3 channels")]
    public void UnsupportedFormatsSayWhatWasFoundAndWhatIsNeeded(ushort format, ushort channels, int rate, ushort bits, string found)
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.Parse(MakeWav(format, channels, rate, bits, 96), "clip.wav"));
        Assert.StartsWith("clip.wav: ", e.Message);
        Assert.Contains(found, e.Message);
        Assert.True(e.Message.Contains("16-bit") || e.Message.Contains("16000 Hz"), e.Message);
        Assert.Equal("clip.wav", e.FileName);
    }

    [Fact]
    public void TruncatedDataChunkIsAnError()
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.Parse(MakeWav(1, 1, 16000, 16, 100, declaredData: 32000), "cut.wav"));
        Assert.Contains("truncated", e.Message);
        Assert.Contains("32000", e.Message);
    }

    [Fact]
    public void OddDataLengthIsAnError()
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.Parse(MakeWav(1, 1, 16000, 16, 101), "odd.wav"));
        Assert.Contains("whole number", e.Message);
    }

    [Fact]
    public void NotRiffAndMissingChunksAreErrors()
    {
        Assert.Contains("RIFF/WAVE", Assert.Throws<WavFormatException>(() => WavReader.Parse("hello, this is text"u8, "t.wav")).Message);
        Assert.Contains("too short", Assert.Throws<WavFormatException>(() => WavReader.Parse([1, 2], "s.wav")).Message);
        var headerOnly = MakeWav(1, 1, 16000, 16, 0).AsSpan(0, 36).ToArray();
        Assert.Contains("no 'data' chunk", Assert.Throws<WavFormatException>(() => WavReader.Parse(headerOnly, "h.wav")).Message);
    }

    [Fact]
    public void MissingFileIsAWavFormatExceptionNamingIt()
    {
        var e = Assert.Throws<WavFormatException>(() => WavReader.Read("/nonexistent/none.wav"));
        Assert.Contains("/nonexistent/none.wav", e.Message);
    }

    [Fact]
    public void FilesAreCheckedHeaderFirstAndOversizedOnesRefused()
    {
        string dir = TestData.NewTempDir();
        try
        {
            // A 2 GiB sparse file whose header is 8-bit PCM: refused from the 'fmt ' chunk, its data never read.
            string big = Path.Combine(dir, "big8.wav");
            var head = MakeWav(1, 1, 16000, 8, 0);
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(40), 200_000_000);
            using (var s = new FileStream(big, FileMode.CreateNew))
            {
                s.Write(head);
                s.SetLength(200_000_044);
            }
            var e = Assert.Throws<WavFormatException>(() => WavReader.Read(big));
            Assert.Equal($"{big}: is 8-bit PCM; needed: 16-bit integer PCM, mono or stereo", e.Message);
            using (var s = new FileStream(big, FileMode.Open))
            {
                s.SetLength(WavReader.MaxFileBytes + 1);
            }
            e = Assert.Throws<WavFormatException>(() => WavReader.Read(big));
            Assert.Equal($"{big}: {WavReader.MaxFileBytes + 1:N0} bytes, far larger than any WAV (at most {WavReader.MaxFileBytes:N0} bytes); refusing to read it", e.Message);
            e = Assert.Throws<WavFormatException>(() => WavReader.Read(dir));
            Assert.Equal($"{dir}: is a directory, not a WAV file", e.Message);
            // A file and the same bytes in memory decode identically (one parser).
            string ok = Path.Combine(dir, "ok.wav");
            File.WriteAllBytes(ok, WavReader.Encode([3, -4, 5]));
            Assert.Equal(new short[] { 3, -4, 5 }, WavReader.Read(ok).Samples);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
