namespace KwsNano.Cli.CortexM;

/// <summary>
/// Where <c>bench</c> (and <c>report</c>'s benchmark) find the engine's C sources and build them: a KwsNano checkout
/// above the current directory or the tool, else the copy an installed tool carries in its <c>engine/</c> folder
/// (Packaging.targets). A checkout builds into its own build/ folder; an installed tool into the user's cache, since
/// the tool's folder may not be writable and is replaced on update.
/// </summary>
/// <param name="Root">Directory holding kernels-native/ (and tests/native/).</param>
/// <param name="Installed">True for the installed tool's copy.</param>
public sealed record EngineSources(string Root, bool Installed)
{
    /// <summary>The sources for this process: the checkout first, then the installed copy.</summary>
    /// <exception cref="CliException">Neither is there; <paramref name="verb"/> names the command in the message.</exception>
    public static EngineSources Find(string verb)
    {
        if ((ToolLocator.FindRepoRoot(Directory.GetCurrentDirectory()) ?? ToolLocator.FindRepoRoot(AppContext.BaseDirectory)) is { } checkout)
        {
            return new EngineSources(checkout, Installed: false);
        }
        string packaged = Path.Combine(AppContext.BaseDirectory, "engine");
        if (File.Exists(Path.Combine(packaged, "kernels-native", "cortex-m", "CMakeLists.txt")))
        {
            return new EngineSources(packaged, Installed: true);
        }
        throw new CliException($"{verb}: the engine sources were not found: run it inside a KwsNano checkout, or install the kwsnano tool package (it carries them in {packaged})");
    }

    /// <summary>The default CMake build directory for <paramref name="name"/> (e.g. cortex-m-bench-m4).</summary>
    public string BuildDir(string name) => Installed
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kwsnano", "bench", name)
        : Path.Combine(Root, "build", name);

    /// <summary>The shared test data beside a checkout (KWS_SHARED overrides); for an installed tool only KWS_SHARED.</summary>
    public string? SharedDir => Environment.GetEnvironmentVariable("KWS_SHARED") is { Length: > 0 } s
        ? s
        : Installed ? null : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
}
