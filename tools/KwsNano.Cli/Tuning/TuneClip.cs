namespace KwsNano.Cli.Tuning;

/// <summary>One clip placed in a tuning stream.</summary>
/// <param name="Label">Its label (the sub-folder it came from).</param>
/// <param name="StartSample">First sample of the clip in the stream.</param>
/// <param name="Path">The WAV file.</param>
public sealed record TuneClip(string Label, long StartSample, string Path);
