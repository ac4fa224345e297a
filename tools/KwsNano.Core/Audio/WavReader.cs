using System.Buffers.Binary;

namespace KwsNano.Audio;

/// <summary>
/// Reads RIFF/WAVE files holding 16-bit integer PCM, mono or stereo. Stereo is down-mixed to mono by
/// averaging the two channels, rounding toward minus infinity ((l + r) >> 1), which keeps a mono
/// signal copied to both channels unchanged. Anything else (other bit depths, float or compressed
/// formats, another sample rate than required, missing or truncated chunks) is a
/// <see cref="WavFormatException"/> naming the file, what was found and what is needed.
/// </summary>
public static class WavReader
{
    /// <summary>The rate the reference models' front-ends expect.</summary>
    public const int DefaultSampleRate = 16000;

    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Largest WAV file read: 256 MiB, over two hours of 16 kHz mono, far above any clip or recording used here.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Largest 'fmt ' chunk accepted (the extensible format needs 40 bytes).</summary>
    private const uint MaxFormatChunk = 4096;

    /// <summary>
    /// Reads <paramref name="path"/>; the file must be at <paramref name="requiredSampleRate"/> Hz. Header first:
    /// the path, the file size (at most <see cref="MaxFileBytes"/>), the RIFF header and the chunk headers up to
    /// 'data' are checked before the samples are read. Every problem is a <see cref="WavFormatException"/> naming
    /// the file (a missing path or a directory too).
    /// </summary>
    public static WavAudio Read(string path, int requiredSampleRate = DefaultSampleRate)
    {
        FileStream s;
        try
        {
            s = IO.FileChecks.OpenInput(path, MaxFileBytes, "WAV");
        }
        catch (IO.FileCheckException e)
        {
            throw new WavFormatException(path, e.Problem, e); // one exception type for every WAV problem
        }
        using (s)
        {
            return Parse(s, s.Length, path, requiredSampleRate);
        }
    }

    /// <summary>Decodes a whole WAV file held in memory; <paramref name="name"/> is used in messages.</summary>
    public static WavAudio Parse(ReadOnlySpan<byte> data, string name, int requiredSampleRate = DefaultSampleRate)
    {
        using var s = new MemoryStream(data.ToArray(), writable: false);
        return Parse(s, s.Length, name, requiredSampleRate);
    }

    // One parser for files and memory: reads the RIFF header and each chunk header, seeks over unknown chunks,
    // and reads only the 'fmt ' body and, once the format is known to be usable, the 'data' body.
    private static WavAudio Parse(Stream s, long length, string name, int requiredSampleRate)
    {
        Span<byte> head = stackalloc byte[12];
        if (length < 12)
        {
            throw new WavFormatException(name, $"is {length} bytes, too short for a RIFF/WAVE header (12 bytes)");
        }
        ReadExactly(s, head, name);
        if (!head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException(name, "is not a RIFF/WAVE file (expected 'RIFF' .... 'WAVE' at the start)");
        }

        int channels = 0, rate = 0, bits = 0, blockAlign = 0;
        ushort format = 0;
        bool haveFormat = false;
        long pos = 12;
        Span<byte> chunkHead = stackalloc byte[8];
        while (pos + 8 <= length)
        {
            s.Position = pos;
            ReadExactly(s, chunkHead, name);
            var id = System.Text.Encoding.ASCII.GetString(chunkHead[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHead[4..]);
            long body = pos + 8;
            if (size > length - body)
            {
                throw new WavFormatException(name,
                    $"is truncated: chunk '{id}' at byte {pos} declares {size} bytes but only {length - body} follow");
            }
            if (id == "fmt ")
            {
                if (size < 16)
                {
                    throw new WavFormatException(name, $"has a 'fmt ' chunk of {size} bytes; at least 16 are needed");
                }
                if (size > MaxFormatChunk)
                {
                    throw new WavFormatException(name, $"has a 'fmt ' chunk of {size} bytes; at most {MaxFormatChunk} are expected");
                }
                var chunk = new byte[size];
                ReadExactly(s, chunk, name);
                format = BinaryPrimitives.ReadUInt16LittleEndian(chunk);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(2));
                rate = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4)));
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(14));
                if (format == FormatExtensible && size >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(chunk.AsSpan(24)); // sub-format GUID starts with the format tag
                }
                haveFormat = true;
            }
            else if (id == "data")
            {
                if (!haveFormat)
                {
                    throw new WavFormatException(name, "has its 'data' chunk before any 'fmt ' chunk");
                }
                Check(name, format, channels, rate, bits, blockAlign, requiredSampleRate);
                if (size % (uint)blockAlign != 0)
                {
                    throw new WavFormatException(name,
                        $"is truncated: 'data' holds {size} bytes, not a whole number of {blockAlign}-byte sample frames");
                }
                var pcm = new byte[size]; // size <= length <= MaxFileBytes for files
                ReadExactly(s, pcm, name);
                return new WavAudio(Decode(pcm, channels), rate, channels, name);
            }
            pos = body + size + (size & 1); // chunks are padded to even sizes
        }
        throw new WavFormatException(name, haveFormat ? "has no 'data' chunk (truncated?)" : "has no 'fmt ' chunk (truncated?)");
    }

    private static void ReadExactly(Stream s, Span<byte> buffer, string name)
    {
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new WavFormatException(name, "ended while it was being read");
        }
        catch (IOException e)
        {
            throw new WavFormatException(name, "cannot be read: " + e.Message);
        }
    }

    private static void Check(string name, ushort format, int channels, int rate, int bits, int blockAlign, int requiredRate)
    {
        const string need = "16-bit integer PCM, mono or stereo";
        if (format != FormatPcm)
        {
            string found = format == FormatFloat ? $"{bits}-bit IEEE float" : $"audio format tag {format}";
            throw new WavFormatException(name, $"is {found}; needed: {need}");
        }
        if (bits != 16)
        {
            throw new WavFormatException(name, $"is {bits}-bit PCM; needed: {need}");
        }
        if (channels is < 1 or > 2)
        {
            throw new WavFormatException(name, $"has {channels} channels; needed: {need}");
        }
        if (blockAlign != 2 * channels)
        {
            throw new WavFormatException(name, $"has block align {blockAlign} for {channels} channel(s) of 16 bits; expected {2 * channels}");
        }
        if (rate != requiredRate)
        {
            throw new WavFormatException(name, $"is sampled at {rate} Hz; the model needs {requiredRate} Hz (resample it first)");
        }
    }

    private static short[] Decode(ReadOnlySpan<byte> pcm, int channels)
    {
        int frames = pcm.Length / (2 * channels);
        var samples = new short[frames];
        for (int i = 0; i < frames; i++)
        {
            if (channels == 1)
            {
                samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm[(2 * i)..]);
            }
            else
            {
                int l = BinaryPrimitives.ReadInt16LittleEndian(pcm[(4 * i)..]);
                int r = BinaryPrimitives.ReadInt16LittleEndian(pcm[(4 * i + 2)..]);
                samples[i] = (short)((l + r) >> 1);
            }
        }
        return samples;
    }

    /// <summary>Encodes mono 16-bit PCM as a canonical 44-byte-header WAV file (for tests and tools).</summary>
    public static byte[] Encode(ReadOnlySpan<short> samples, int sampleRate = DefaultSampleRate)
    {
        var bytes = new byte[44 + 2 * samples.Length];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteUInt32LittleEndian(s[4..], (uint)(36 + 2 * samples.Length));
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(s[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(s[28..], (uint)(2 * sampleRate));
        BinaryPrimitives.WriteUInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(s[40..], (uint)(2 * samples.Length));
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + 2 * i)..], samples[i]);
        }
        return bytes;
    }
}
