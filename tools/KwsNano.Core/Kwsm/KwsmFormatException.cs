namespace KwsNano.Kwsm;

/// <summary>A .kwsm blob failed validation; <see cref="Error"/> is the rule it broke and the message says what and where.</summary>
public sealed class KwsmFormatException : KwsNanoException
{
    /// <summary>Creates the exception.</summary>
    public KwsmFormatException(KwsmError error, string message) : base(message)
    {
        Error = error;
    }

    /// <summary>The validation rule that failed (same names as the C status codes).</summary>
    public KwsmError Error { get; }
}
