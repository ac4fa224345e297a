namespace KwsNano.VirtualBoard;

/// <summary>One inference as the board's native engine produced it, for a live view of the scores (the app sees the same int8 scores).</summary>
/// <param name="TimeUs">Virtual time after the native call that ran it.</param>
/// <param name="Scores">The int8 output, one per class (the model's quantisation; <c>ScoreDecoder</c> turns it into probabilities).</param>
/// <param name="NetworkUs">Network microseconds of the call's last hop (the timing slot the app logs).</param>
/// <param name="FrontendUs">Front-end microseconds of the call's last hop.</param>
public sealed record InferenceScores(long TimeUs, sbyte[] Scores, int NetworkUs, int FrontendUs);
