using System.Buffers.Binary;

namespace KwsNano.VirtualBoard;

/// <summary>Reads 16-bit PCM WAV files (RIFF/WAVE, format 1 or extensible PCM).</summary>
public static class WavReader
{
    /// <summary>Samples of the first channel and the sample rate of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a 16-bit PCM WAV; the message says what and where.</exception>
    public static (short[] Samples, int SampleRate) Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return Parse(bytes, path);
    }

    /// <summary>Parses WAV bytes; <paramref name="name"/> is used in error messages.</summary>
    public static (short[] Samples, int SampleRate) Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 12 || bytes[0] != 'R' || bytes[1] != 'I' || bytes[2] != 'F' || bytes[3] != 'F'
            || bytes[8] != 'W' || bytes[9] != 'A' || bytes[10] != 'V' || bytes[11] != 'E')
        {
            throw new InvalidDataException($"{name}: not a RIFF/WAVE file");
        }
        int channels = 0, rate = 0, bits = 0, format = 0;
        int pos = 12;
        while (pos + 8 <= bytes.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(bytes, pos, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + 4));
            int body = pos + 8;
            if (size < 0 || body + (long)size > bytes.Length)
            {
                size = bytes.Length - body; // tolerate a truncated last chunk (common for streamed recordings)
            }
            if (id == "fmt ")
            {
                if (size < 16)
                {
                    throw new InvalidDataException($"{name}: fmt chunk at byte {pos} is {size} bytes, expected at least 16");
                }
                format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(body + 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 14));
                if (format == 0xFFFE && size >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(body + 24));
                }
            }
            else if (id == "data")
            {
                if (format == 0)
                {
                    throw new InvalidDataException($"{name}: data chunk at byte {pos} comes before the fmt chunk");
                }
                if (format != 1 || bits != 16 || channels < 1)
                {
                    throw new InvalidDataException($"{name}: {bits}-bit format {format} with {channels} channels; only 16-bit PCM is supported");
                }
                int frames = size / (2 * channels);
                var samples = new short[frames];
                for (int i = 0; i < frames; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(body + i * 2 * channels));
                }
                return (samples, rate);
            }
            pos = body + size + (size & 1);
        }
        throw new InvalidDataException($"{name}: no data chunk");
    }
}
