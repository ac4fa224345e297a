namespace KwsNano.Audio;

/// <summary>
/// A WAV file the tool cannot use: not RIFF/WAVE, truncated, or not 16-bit PCM at the rate the model
/// needs. The message names the file, what was found and what is needed.
/// </summary>
public sealed class WavFormatException : KwsNanoException
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with a message saying what is wrong.</summary>
    public WavFormatException(string fileName, string problem, Exception? inner = null)
        : base($"{fileName}: {problem}", inner)
    {
        FileName = fileName;
    }

    /// <summary>The file (or stream name) that was being read.</summary>
    public string FileName { get; }
}
