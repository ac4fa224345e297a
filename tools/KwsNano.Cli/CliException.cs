namespace KwsNano.Cli;

/// <summary>
/// An expected user error (bad path, invalid model, unsupported operator...). The app prints its
/// message on stderr as one line, without a stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliException : KwsNanoException
{
    /// <summary>Exit code for user errors unless a command chooses another.</summary>
    public const int UserErrorExitCode = 2;

    /// <summary>Creates a user error with a message that says what and where.</summary>
    public CliException(string message, int exitCode = UserErrorExitCode, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>Process exit code for this error.</summary>
    public int ExitCode { get; }
}
