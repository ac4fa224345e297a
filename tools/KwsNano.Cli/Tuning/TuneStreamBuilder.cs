using KwsNano.Audio;

namespace KwsNano.Cli.Tuning;

/// <summary>
/// Builds the two streams <c>kwsnano tune</c> measures on, from a folder with one sub-folder of .wav clips per
/// label (Speech Commands layout): keyword clips interleaved with silent gaps, and background clips back to back.
/// Every clip is padded with silence or cut to one second. Files are taken in ordinal name order.
/// </summary>
public static class TuneStreamBuilder
{
    /// <summary>Labels whose clips make the background stream.</summary>
    public static readonly string[] BackgroundLabels = ["_unknown_", "_silence_"];

    /// <summary>The .wav files of <paramref name="label"/> under <paramref name="dir"/> (empty when the folder is missing).</summary>
    public static string[] ClipFiles(string dir, string label)
    {
        string sub = Path.Combine(dir, label);
        return Directory.Exists(sub)
            ? Directory.GetFiles(sub, "*.wav").OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>
    /// Up to <paramref name="clipsPerKeyword"/> clips of every keyword in <paramref name="keywords"/> (those with a
    /// sub-folder), interleaved round-robin (clip k of every keyword before clip k + 1) so neighbours differ, each
    /// one second long and followed by <paramref name="gapMs"/> ms of digital silence.
    /// </summary>
    /// <exception cref="CliException">A clip is not a readable WAV at <paramref name="sampleRate"/>.</exception>
    public static TuneStream Keywords(string dir, IReadOnlyList<string> keywords, int clipsPerKeyword, int gapMs, int sampleRate)
    {
        var files = keywords.Select(k => ClipFiles(dir, k).Take(clipsPerKeyword).ToArray()).ToArray();
        int gap = (int)((long)sampleRate * gapMs / 1000);
        int rounds = files.Length == 0 ? 0 : files.Max(f => f.Length);
        var clips = new List<TuneClip>();
        for (int k = 0; k < rounds; k++)
        {
            for (int w = 0; w < keywords.Count; w++)
            {
                if (k < files[w].Length)
                {
                    clips.Add(new TuneClip(keywords[w], (long)clips.Count * (sampleRate + gap), files[w][k]));
                }
            }
        }
        var samples = new short[(long)clips.Count * (sampleRate + gap)];
        foreach (var c in clips)
        {
            ReadSecond(c.Path, sampleRate).CopyTo(samples, c.StartSample);
        }
        return new TuneStream(samples, sampleRate, clips);
    }

    /// <summary>
    /// Every clip of the <see cref="BackgroundLabels"/> folders (at most <paramref name="maxPerLabel"/> of each when
    /// given), one second each, back to back.
    /// </summary>
    /// <exception cref="CliException">A clip is not a readable WAV at <paramref name="sampleRate"/>.</exception>
    public static TuneStream Background(string dir, int sampleRate, int? maxPerLabel = null)
    {
        var clips = new List<TuneClip>();
        foreach (var label in BackgroundLabels)
        {
            foreach (var f in ClipFiles(dir, label).Take(maxPerLabel ?? int.MaxValue))
            {
                clips.Add(new TuneClip(label, (long)clips.Count * sampleRate, f));
            }
        }
        var samples = new short[(long)clips.Count * sampleRate];
        foreach (var c in clips)
        {
            ReadSecond(c.Path, sampleRate).CopyTo(samples, c.StartSample);
        }
        return new TuneStream(samples, sampleRate, clips);
    }

    /// <summary>One second of <paramref name="path"/>: padded with zeros or cut.</summary>
    public static short[] ReadSecond(string path, int sampleRate)
    {
        WavAudio wav;
        try
        {
            wav = WavReader.Read(path, sampleRate);
        }
        catch (WavFormatException e)
        {
            throw new CliException(e.Message, inner: e);
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: {e.Message}", inner: e);
        }
        var one = new short[sampleRate];
        Array.Copy(wav.Samples, one, Math.Min(wav.Samples.Length, one.Length));
        return one;
    }
}
