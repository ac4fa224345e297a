namespace KwsNano.Cli.CortexM;

/// <summary>Finds executables on PATH (what the Cortex-M build and QEMU runs need).</summary>
public static class ToolLocator
{
    /// <summary>Full path of <paramref name="name"/> on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
            {
                return candidate + ".exe";
            }
        }
        return null;
    }

    /// <summary>Directory above <paramref name="start"/> (inclusive) that holds kernels-native/cortex-m/CMakeLists.txt, or null.</summary>
    public static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "kernels-native", "cortex-m", "CMakeLists.txt")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The command line (program and leading arguments) that runs this kwsnano tool again.</summary>
    public static IReadOnlyList<string> SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(entry))
        {
            return [process, entry];
        }
        return [process];
    }
}
