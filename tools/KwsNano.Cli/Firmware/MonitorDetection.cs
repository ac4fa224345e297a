namespace KwsNano.Cli.Firmware;

/// <summary>One DET line of the serial log.</summary>
/// <param name="TimeUs">Board time of the GPIO edge.</param>
/// <param name="Keyword">The label that fired.</param>
/// <param name="Score">Smoothed score when it fired.</param>
/// <param name="LatencyUs">End of the keyword's audio window to the GPIO edge.</param>
/// <param name="NetworkUs">Network time of that hop.</param>
/// <param name="FrontendUs">Front-end time of that hop.</param>
public sealed record MonitorDetection(long TimeUs, string Keyword, double Score, long LatencyUs, long NetworkUs, long FrontendUs);
