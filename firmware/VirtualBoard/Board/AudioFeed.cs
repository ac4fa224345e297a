namespace KwsNano.VirtualBoard;

/// <summary>
/// The sound reaching the virtual microphone: 16-bit mono samples from a WAV file, an array or a raw PCM
/// stream (e.g. stdin fed by arecord), preceded by a lead-in of silence (the microphone start-up the firmware
/// discards) and followed by a tail of silence (so the last word's window completes).
/// </summary>
public sealed class AudioFeed
{
    private readonly short[]? _samples;
    private readonly Stream? _stream;
    private readonly long _leadIn;
    private readonly long _tail;
    private long _sourceRead;
    private bool _streamEnded;
    private long _tailDelivered;
    private readonly byte[] _streamBuffer = new byte[8192];

    private AudioFeed(short[]? samples, Stream? stream, int sampleRate, int leadInMs, int tailMs)
    {
        _samples = samples;
        _stream = stream;
        SampleRate = sampleRate;
        _leadIn = (long)sampleRate * leadInMs / 1000;
        _tail = (long)sampleRate * tailMs / 1000;
    }

    /// <summary>Default silence before the audio: 500 ms (the firmware discards the first 256 ms).</summary>
    public const int DefaultLeadInMs = 500;

    /// <summary>Default silence after the audio: 1,000 ms (one model window).</summary>
    public const int DefaultTailMs = 1000;

    /// <summary>Audio from a 16 kHz 16-bit PCM WAV file, read by KwsNano.Core's reader (stereo averaged), as every verb does.</summary>
    /// <exception cref="KwsNano.Audio.WavFormatException">Not a 16-bit PCM WAV at 16 kHz, missing, or too large.</exception>
    public static AudioFeed FromWav(string path, int leadInMs = DefaultLeadInMs, int tailMs = DefaultTailMs)
    {
        var audio = KwsNano.Audio.WavReader.Read(path, 16000);
        return new AudioFeed(audio.Samples, null, audio.SampleRate, leadInMs, tailMs);
    }

    /// <summary>Audio from samples already in memory.</summary>
    public static AudioFeed FromSamples(short[] samples, int sampleRate = 16000, int leadInMs = DefaultLeadInMs, int tailMs = DefaultTailMs)
        => new(samples, null, sampleRate, leadInMs, tailMs);

    /// <summary>Audio from raw little-endian 16-bit mono PCM at 16 kHz (e.g. <c>arecord -f S16_LE -r 16000 -c 1 -t raw</c>).</summary>
    public static AudioFeed FromPcm16Stream(Stream stream, int leadInMs = DefaultLeadInMs, int tailMs = DefaultTailMs)
        => new(null, stream, 16000, leadInMs, tailMs);

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples handed out so far (lead-in, source and tail).</summary>
    public long Position { get; private set; }

    /// <summary>True once the source and the tail have been handed out entirely.</summary>
    public bool Exhausted => SourceEnded && _tailDelivered >= _tail;

    /// <summary>Samples of the lead-in silence.</summary>
    public long LeadInSamples => _leadIn;

    private bool SourceEnded => _samples != null ? _sourceRead >= _samples.Length : _streamEnded;

    /// <summary>Fills <paramref name="destination"/>; after the end it writes silence.</summary>
    public void Read(Span<short> destination)
    {
        int i = 0;
        while (i < destination.Length)
        {
            if (Position < _leadIn)
            {
                int n = (int)Math.Min(destination.Length - i, _leadIn - Position);
                destination.Slice(i, n).Clear();
                i += n;
                Position += n;
            }
            else if (!SourceEnded)
            {
                int n = ReadSource(destination.Slice(i));
                i += n;
                Position += n;
            }
            else
            {
                int n = destination.Length - i;
                destination.Slice(i).Clear();
                _tailDelivered += n;
                Position += n;
                i += n;
            }
        }
    }

    /// <summary>Skips <paramref name="count"/> samples (audio lost in an overrun).</summary>
    public void Skip(long count)
    {
        var scratch = new short[4096];
        while (count > 0)
        {
            int n = (int)Math.Min(count, scratch.Length);
            Read(scratch.AsSpan(0, n));
            count -= n;
        }
    }

    private int ReadSource(Span<short> destination)
    {
        if (_samples != null)
        {
            int n = (int)Math.Min(destination.Length, _samples.Length - _sourceRead);
            _samples.AsSpan((int)_sourceRead, n).CopyTo(destination);
            _sourceRead += n;
            return n;
        }
        int want = Math.Min(destination.Length, _streamBuffer.Length / 2);
        int got = 0;
        while (got < want * 2)
        {
            int r = _stream!.Read(_streamBuffer, got, want * 2 - got);
            if (r <= 0)
            {
                _streamEnded = true;
                break;
            }
            got += r;
        }
        int samples = got / 2;
        for (int k = 0; k < samples; k++)
        {
            destination[k] = (short)(_streamBuffer[2 * k] | (_streamBuffer[2 * k + 1] << 8));
        }
        _sourceRead += samples;
        return samples;
    }
}
