namespace KwsNano;

/// <summary>
/// Base of every expected user error raised by KwsNano.Core: a file that is missing, too large, not a model
/// or clip, a model the engine refuses, an unsupported operator or front-end. The message says what is wrong
/// and where (it names the file), in one line. The CLI prints it as one <c>error:</c> line and exits with 2;
/// anything else that escapes is a bug.
/// </summary>
public class KwsNanoException : Exception
{
    /// <summary>Creates the error with a message that names the file and the fault.</summary>
    public KwsNanoException(string message, Exception? inner = null) : base(message, inner) { }
}
