using System.Diagnostics;
using System.Text.Json;

namespace KwsNano.NfBuild;

/// <summary>Runs the SDK's MSBuild (dotnet msbuild) on .nfproj files with the stand-in nanoFramework project system.</summary>
public static class MsBuild
{
    /// <summary>The stand-in project system folder (ProjectSystem/ beside this program).</summary>
    public static string ProjectSystemPath => Path.Combine(AppContext.BaseDirectory, "ProjectSystem") + Path.DirectorySeparatorChar;

    /// <summary>Evaluated properties and items of a project, as the build sees them.</summary>
    public sealed record Evaluation(Dictionary<string, string> Properties, Dictionary<string, List<(string Include, string? HintPath)>> Items);

    /// <summary>Evaluates <paramref name="project"/> and returns the named properties and items.</summary>
    public static Evaluation Evaluate(string project, string[] properties, string[] items)
    {
        var args = new List<string> { "msbuild", project, "-nologo", "-p:Configuration=Release", "-p:NanoFrameworkProjectSystemPath=" + ProjectSystemPath };
        args.AddRange(properties.Select(p => "-getProperty:" + p));
        args.AddRange(items.Select(i => "-getItem:" + i));
        var (code, stdout, stderr) = Run(args);
        if (code != 0)
        {
            throw new NfBuildException($"{project}: MSBuild evaluation failed:\n{stdout}{stderr}");
        }
        using var json = JsonDocument.Parse(stdout);
        var props = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (json.RootElement.TryGetProperty("Properties", out var p))
        {
            foreach (var prop in p.EnumerateObject())
            {
                props[prop.Name] = prop.Value.GetString() ?? "";
            }
        }
        var itemMap = new Dictionary<string, List<(string, string?)>>(StringComparer.OrdinalIgnoreCase);
        if (json.RootElement.TryGetProperty("Items", out var it))
        {
            foreach (var group in it.EnumerateObject())
            {
                itemMap[group.Name] = group.Value.EnumerateArray()
                    .Select(e => (e.GetProperty("Identity").GetString() ?? "", e.TryGetProperty("HintPath", out var h) ? h.GetString() : null))
                    .ToList();
            }
        }
        return new Evaluation(props, itemMap);
    }

    /// <summary>Builds <paramref name="project"/> (Release), every warning an error; returns MSBuild's output, throws on failure.</summary>
    public static string Build(string project)
    {
        var (code, stdout, stderr) = Run(["msbuild", project, "-nologo", "-v:minimal", "-warnaserror", "-t:Build", "-p:Configuration=Release",
            "-p:NanoFrameworkProjectSystemPath=" + ProjectSystemPath]);
        if (code != 0)
        {
            throw new NfBuildException($"{project}: build failed (settings of the .nfproj, real mscorlib, warnings as errors):\n{stdout}{stderr}");
        }
        return stdout;
    }

    private static (int Code, string Stdout, string Stderr) Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // the MSBuild node of an outer `dotnet test` must not be reused by this nested build
        start.Environment["MSBUILDNOINPROCNODE"] = "1";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start) ?? throw new NfBuildException("cannot start dotnet msbuild");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
