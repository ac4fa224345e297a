namespace KwsNano.Cli;

/// <summary>
/// The documented process exit codes of every verb (README, section "Exit codes").
/// </summary>
public static class ExitCodes
{
    /// <summary>The work was done.</summary>
    public const int Success = 0;

    /// <summary>The work ran but its result is a failure: the virtual board could not load the model, monitor saw no KwsNano record or unrecognised lines, nanoff failed.</summary>
    public const int Failure = 1;

    /// <summary>A user error: a bad option, path, model or setting; nothing was done. One <c>error:</c> line on stderr.</summary>
    public const int UserError = 2;

    /// <summary>Interrupted with Ctrl-C (128 + SIGINT); the summary so far was printed.</summary>
    public const int Interrupted = 130;
}
