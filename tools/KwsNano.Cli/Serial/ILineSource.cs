namespace KwsNano.Cli.Serial;

/// <summary>Where <c>kwsnano monitor</c> reads lines: a log file, stdin or a serial port.</summary>
public interface ILineSource : IDisposable
{
    /// <summary>Name shown to the user (the path or port).</summary>
    string Name { get; }

    /// <summary>The next line without its line end; null at the end of the input or once <paramref name="cancel"/> fires.</summary>
    string? ReadLine(CancellationToken cancel);

    /// <summary>Why the input ended when it was not its normal end (the port did not come back), else null.</summary>
    string? Failure { get; }
}
