namespace KwsNano.Cli.Tuning;

/// <summary>A detection the firmware's detector made on replayed scores.</summary>
/// <param name="ClassIndex">Class that fired.</param>
/// <param name="Label">Its label.</param>
/// <param name="WindowEndSample">End (exclusive) of the audio window of the inference that fired.</param>
/// <param name="Score">Smoothed probability that fired.</param>
public sealed record ReplayDetection(int ClassIndex, string Label, long WindowEndSample, float Score);
