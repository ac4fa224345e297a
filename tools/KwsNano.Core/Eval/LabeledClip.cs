namespace KwsNano.Eval;

/// <summary>One evaluation clip: a WAV path and its true label.</summary>
public sealed record LabeledClip(string Path, string Label);
