using KwsNano.Audio;
using KwsNano.Cli.Input;

namespace KwsNano.Tests.Cli;

/// <summary><c>listen</c>'s stdin: raw PCM passes through byte for byte; a WAV header is detected, not played as audio, and other rates are resampled.</summary>
public sealed class ListenInputTests
{
    private static byte[] ReadAll(Stream s)
    {
        var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    [Fact]
    public void RawPcmPassesThroughUnchanged()
    {
        var raw = new byte[1000];
        new Random(3).NextBytes(raw);
        var notes = new StringWriter();
        Assert.Equal(raw, ReadAll(StdinAudio.Open(new MemoryStream(raw), 16000, notes)));
        Assert.Equal("", notes.ToString());
    }

    [Fact]
    public void A16kMonoWavLosesOnlyItsHeader()
    {
        short[] samples = Enumerable.Range(0, 800).Select(i => (short)(i * 7)).ToArray();
        byte[] wav = WavReader.Encode(samples, 16000);
        var notes = new StringWriter();
        var pcm = ReadAll(StdinAudio.Open(new MemoryStream(wav), 16000, notes));
        Assert.Equal(samples.Length * 2, pcm.Length); // the 44 header bytes are not audio
        Assert.Equal(samples, Enumerable.Range(0, samples.Length).Select(i => BitConverter.ToInt16(pcm, 2 * i)));
        Assert.Contains("WAV stream, 16000 Hz mono", notes.ToString());
    }

    [Fact]
    public void A48kWavIsResampledTo16kKeepingItsTone()
    {
        // 1 s of a 1 kHz sine at 48 kHz: about 16,000 samples at 16 kHz, still a 1 kHz tone (16 samples per period).
        short[] samples = Enumerable.Range(0, 48000).Select(i => (short)(10000 * Math.Sin(2 * Math.PI * 1000 * i / 48000.0))).ToArray();
        var notes = new StringWriter();
        var pcm = ReadAll(StdinAudio.Open(new MemoryStream(WavReader.Encode(samples, 48000)), 16000, notes));
        int n = pcm.Length / 2;
        Assert.InRange(n, 15800, 16100);
        var x = Enumerable.Range(0, n).Select(i => (double)BitConverter.ToInt16(pcm, 2 * i)).ToArray();
        int crossings = Enumerable.Range(2000, 8000).Count(i => x[i - 1] < 0 && x[i] >= 0);
        Assert.InRange(crossings, 495, 505); // 8000 samples = 0.5 s of a 1 kHz tone
        Assert.Contains("48000 Hz mono, converted to 16000 Hz mono", notes.ToString());
    }
}
