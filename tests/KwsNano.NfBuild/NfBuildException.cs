namespace KwsNano.NfBuild;

/// <summary>A build or check that cannot go on (missing input, failed compile); the message says what and where.</summary>
public sealed class NfBuildException(string message) : Exception(message);
