namespace KwsNano.Audio;

/// <summary>Decoded audio: mono 16-bit samples at <see cref="SampleRate"/>.</summary>
/// <param name="Samples">Mono samples (stereo files are averaged, see <see cref="WavReader"/>).</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="SourceChannels">Channels in the file before down-mixing (1 or 2).</param>
/// <param name="FileName">Where the audio came from, for messages.</param>
public sealed record WavAudio(short[] Samples, int SampleRate, int SourceChannels, string FileName)
{
    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => SampleRate > 0 ? (double)Samples.Length / SampleRate : 0;
}
