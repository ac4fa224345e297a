namespace KwsNano.IO;

/// <summary>
/// Path checks made before any long work, with messages that name the path and say what is wrong: a missing
/// file or directory, a directory where a file is expected (or the reverse), a missing parent directory (never
/// created silently), a place that cannot be written, a file far larger than any model or clip. Every failure
/// is a <see cref="FileCheckException"/> (a <see cref="KwsNanoException"/>).
/// </summary>
public static class FileChecks
{
    /// <summary>Largest model file (.kwsm or .tflite) the tool reads: far above any keyword model (the catalog's largest is under 1 MB).</summary>
    public const long MaxModelBytes = 64L << 20;

    /// <summary>Checks that <paramref name="path"/> is an existing regular file of at most <paramref name="maxBytes"/> bytes; returns its length.</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">Largest accepted size.</param>
    /// <param name="what">What the file should be, for messages ("model", "WAV clip").</param>
    public static long RequireInputFile(string path, long maxBytes, string what)
    {
        if (string.IsNullOrEmpty(path))
        {
            throw new FileCheckException("", $"empty path given for the {what} file");
        }
        if (Directory.Exists(path))
        {
            throw new FileCheckException(path, $"is a directory, not a {what} file");
        }
        if (!File.Exists(path))
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            throw new FileCheckException(path, dir != null && !Directory.Exists(dir)
                ? $"no such file (directory {dir} does not exist)"
                : "no such file");
        }
        long length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new FileCheckException(path, $"{length:N0} bytes, far larger than any {what} (at most {maxBytes:N0} bytes); refusing to read it");
        }
        return length;
    }

    /// <summary>Opens <paramref name="path"/> for reading after <see cref="RequireInputFile"/>; read errors become <see cref="KwsNanoException"/>.</summary>
    public static FileStream OpenInput(string path, long maxBytes, string what)
    {
        RequireInputFile(path, maxBytes, what);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileCheckException(path, $"cannot be read ({e.Message})", e);
        }
    }

    /// <summary>The whole of <paramref name="path"/>, after <see cref="RequireInputFile"/>.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        using var s = OpenInput(path, maxBytes, what);
        var bytes = new byte[s.Length];
        ReadExactly(s, bytes, path);
        return bytes;
    }

    /// <summary>Fills <paramref name="buffer"/> from the stream; a short read (file shrank) or an I/O error becomes <see cref="KwsNanoException"/>.</summary>
    public static void ReadExactly(Stream s, Span<byte> buffer, string path)
    {
        try
        {
            s.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new FileCheckException(path, $"file ended early while reading it", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileCheckException(path, $"cannot be read ({e.Message})", e);
        }
    }

    /// <summary>
    /// Checks that a file can be written at <paramref name="path"/>: not empty, not a directory, its directory
    /// exists (it is not created) and accepts a new file (or the existing file opens for writing). Nothing is
    /// left behind. Returns the full path.
    /// </summary>
    /// <param name="path">The output file.</param>
    /// <param name="what">Which output, for messages ("--output", "the .kwsm model").</param>
    public static string RequireOutputFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FileCheckException("", $"{what}: empty path; give a file name");
        }
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
        {
            throw new FileCheckException(path, $"is a directory; {what} needs a file name");
        }
        string dir = Path.GetDirectoryName(full) ?? full;
        RequireExistingDirectory(path, dir);
        if (File.Exists(full))
        {
            try
            {
                using var _ = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FileCheckException(path, $"cannot be written ({e.Message})", e);
            }
            return full;
        }
        ProbeWritable(path, dir);
        return full;
    }

    /// <summary>
    /// Checks that <paramref name="path"/> can hold output files: an existing writable directory, or a missing one
    /// whose parent exists and is writable (only the directory asked for is created later, never its parents).
    /// Returns the full path.
    /// </summary>
    public static string RequireOutputDirectory(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FileCheckException("", $"{what}: empty path; give a directory");
        }
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(full))
        {
            throw new FileCheckException(path, $"is a file; {what} needs a directory");
        }
        if (Directory.Exists(full))
        {
            ProbeWritable(path, full);
            return full;
        }
        string parent = Path.GetDirectoryName(full) ?? full;
        RequireExistingDirectory(path, parent);
        ProbeWritable(path, parent);
        return full;
    }

    private static void RequireExistingDirectory(string path, string dir)
    {
        if (File.Exists(dir))
        {
            throw new FileCheckException(path, $"{dir} is a file, not a directory");
        }
        if (!Directory.Exists(dir))
        {
            throw new FileCheckException(path, $"directory {dir} does not exist (create it first)");
        }
    }

    // Creates and removes a uniquely named empty file in dir: the only reliable test of "can write here"
    // (permissions, read-only mounts, /proc, /sys).
    private static void ProbeWritable(string path, string dir)
    {
        string probe = Path.Combine(dir, $".kwsnano-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // (the probe's own name in .NET's message would only confuse)
            throw new FileCheckException(path, $"cannot write in {dir} ({(e is UnauthorizedAccessException ? "permission denied" : "the file system refuses new files there")})", e);
        }
    }
}
