namespace KwsNano.Cli.Serial;

/// <summary>Lines of a log file or of stdin.</summary>
public sealed class TextLineSource(string name, TextReader reader, bool ownsReader = true) : ILineSource
{
    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public string? Failure => null;

    /// <inheritdoc/>
    public string? ReadLine(CancellationToken cancel) => cancel.IsCancellationRequested ? null : reader.ReadLine();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (ownsReader)
        {
            reader.Dispose();
        }
    }
}
