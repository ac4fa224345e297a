namespace KwsNano.IO;

/// <summary>A path cannot be used as asked (see <see cref="FileChecks"/>); the message is "<c>path: problem</c>".</summary>
public sealed class FileCheckException : KwsNanoException
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public FileCheckException(string path, string problem, Exception? inner = null)
        : base(string.IsNullOrEmpty(path) ? problem : $"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Problem { get; }
}
