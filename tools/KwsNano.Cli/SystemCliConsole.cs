namespace KwsNano.Cli;

/// <summary>The process console.</summary>
public sealed class SystemCliConsole : ICliConsole
{
    /// <summary>The single instance.</summary>
    public static readonly SystemCliConsole Instance = new();

    private SystemCliConsole() { }

    /// <inheritdoc/>
    public TextWriter Out => Console.Out;

    /// <inheritdoc/>
    public TextWriter Error => Console.Error;

    /// <inheritdoc/>
    public bool IsOutputTerminal => !Console.IsOutputRedirected;

    /// <inheritdoc/>
    public bool IsErrorRedirected => Console.IsErrorRedirected;

    /// <inheritdoc/>
    public bool UseColor { get; } = ColorPolicy.Enabled(Environment.GetEnvironmentVariable("NO_COLOR"), Console.IsOutputRedirected, Environment.GetEnvironmentVariable("TERM"));
}
