using System.Buffers.Binary;
using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace KwsNano.Cli.Input;

/// <summary>
/// The audio <c>kwsnano listen</c> reads from stdin: raw 16-bit little-endian mono PCM at the board's rate, or a WAV
/// stream, recognised by its RIFF/WAVE header. A WAV of another rate or with two channels is converted (NAudio's
/// WDL resampler, channels averaged); the rest of the stream is read as it arrives, never loaded whole.
/// </summary>
public static class StdinAudio
{
    /// <summary>The virtual board's microphone rate.</summary>
    public const int BoardRate = 16000;

    /// <summary>Largest header chunk skipped before "data" (1 MB).</summary>
    public const int MaxChunkBytes = 1 << 20;

    /// <summary>16-bit mono PCM at <paramref name="rate"/> from <paramref name="input"/>; a note on <paramref name="notes"/> says what was detected.</summary>
    /// <exception cref="CliException">A WAV header that is cut short, not 16-bit PCM, or has more than two channels.</exception>
    public static Stream Open(Stream input, int rate, TextWriter notes)
    {
        var head = new byte[12];
        int got = ReadFull(input, head);
        if (got < 12 || !head.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !head.AsSpan(8, 4).SequenceEqual("WAVE"u8))
        {
            return new PrefixedStream(head.AsSpan(0, got).ToArray(), input); // raw PCM: the peeked bytes are audio
        }
        var (format, channels, sampleRate, bits) = ReadHeader(input);
        if (format != 1 && format != 0xFFFE || bits != 16)
        {
            throw new CliException($"stdin: WAV format {format} with {bits} bits per sample; listen takes 16-bit PCM (convert with: sox in.wav -b 16 -e signed out.wav)");
        }
        if (channels is < 1 or > 2)
        {
            throw new CliException($"stdin: WAV with {channels} channels; listen takes mono or stereo");
        }
        if (sampleRate == rate && channels == 1)
        {
            notes.WriteLine($"listen: WAV stream, {sampleRate} Hz mono");
            return input;
        }
        notes.WriteLine($"listen: WAV stream, {sampleRate} Hz {(channels == 1 ? "mono" : "stereo")}, converted to {rate} Hz mono");
        ISampleProvider samples = new RawSourceWaveStream(input, new WaveFormat(sampleRate, 16, channels)).ToSampleProvider();
        if (channels == 2)
        {
            samples = new StereoToMonoSampleProvider(samples) { LeftVolume = 0.5f, RightVolume = 0.5f };
        }
        if (sampleRate != rate)
        {
            samples = new WdlResamplingSampleProvider(samples, rate);
        }
        return new WaveProviderStream(new SampleToWaveProvider16(samples));
    }

    private static (int Format, int Channels, int Rate, int Bits) ReadHeader(Stream input)
    {
        var chunk = new byte[8];
        (int, int, int, int)? fmt = null;
        while (true)
        {
            if (ReadFull(input, chunk) < 8)
            {
                throw new CliException("stdin: WAV header ends before its data chunk");
            }
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4));
            if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
            {
                return fmt ?? throw new CliException("stdin: WAV data chunk before its fmt chunk");
            }
            if (size > MaxChunkBytes)
            {
                throw new CliException($"stdin: WAV chunk '{System.Text.Encoding.ASCII.GetString(chunk, 0, 4)}' of {size} bytes before the data (at most {MaxChunkBytes})");
            }
            var body = new byte[size + (size & 1)];
            if (ReadFull(input, body) < body.Length)
            {
                throw new CliException("stdin: WAV header ends inside a chunk");
            }
            if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8))
            {
                if (size < 16)
                {
                    throw new CliException($"stdin: WAV fmt chunk of {size} bytes (at least 16)");
                }
                fmt = (BinaryPrimitives.ReadUInt16LittleEndian(body), BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2)),
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(4)), BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14)));
                if (fmt.Value.Item3 is < 1000 or > 384000)
                {
                    throw new CliException($"stdin: WAV sample rate {fmt.Value.Item3} Hz (expected 1000..384000)");
                }
            }
        }
    }

    private static int ReadFull(Stream s, byte[] buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer, total, buffer.Length - total);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }
}
