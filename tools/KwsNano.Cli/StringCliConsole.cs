namespace KwsNano.Cli;

/// <summary>An in-memory console for tests: everything written is kept as text.</summary>
public sealed class StringCliConsole : ICliConsole
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _err = new() { NewLine = "\n" };

    /// <inheritdoc/>
    public TextWriter Out => _out;

    /// <inheritdoc/>
    public TextWriter Error => _err;

    /// <inheritdoc/>
    public bool IsErrorRedirected => true;

    /// <inheritdoc/>
    public bool UseColor { get; init; }

    /// <summary>Everything written to <see cref="Out"/>.</summary>
    public string OutText => _out.ToString();

    /// <summary>Everything written to <see cref="Error"/>.</summary>
    public string ErrorText => _err.ToString();
}
