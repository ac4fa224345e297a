using System.Reflection;
using System.Runtime.InteropServices;

namespace KwsNano.Native;

/// <summary>
/// Finds and loads the native engine's host library (libkwsnano.so / libkwsnano.dll / libkwsnano.dylib; on Windows
/// not kwsnano.dll, the tool's own managed assembly) and
/// routes the <see cref="NativeMethods"/> imports to it. Candidates, in order: the file named by the
/// KWS_NATIVE_LIB environment variable, the file for this platform under runtimes/&lt;rid&gt;/native/ (the tool
/// package carries linux-x64, linux-arm64 and win-x64 where they could be built), the file next to the application
/// (copied there by the build), then the operating system's library search. Loading is attempted once per loader.
/// </summary>
public sealed class NativeLibraryLoader
{
    private static readonly object ResolverLock = new();
    private static IntPtr s_resolvedHandle;
    private static bool s_resolverInstalled;

    private readonly IReadOnlyList<string> _candidates;
    private readonly bool _searchSystem;
    private readonly object _lock = new();
    private bool _attempted;
    private bool _available;
    private string _message = "";

    /// <summary>The platform's file name of the library.</summary>
    public static string FileName =>
        OperatingSystem.IsWindows() ? "libkwsnano.dll" : OperatingSystem.IsMacOS() ? "libkwsnano.dylib" : "libkwsnano.so";

    /// <summary>The process-wide loader with the default candidates.</summary>
    public static NativeLibraryLoader Default { get; } = new(DefaultCandidates(), searchSystem: true);

    /// <summary>A loader trying exactly <paramref name="candidates"/> (full paths), then optionally the system search.</summary>
    public NativeLibraryLoader(IReadOnlyList<string> candidates, bool searchSystem)
    {
        _candidates = candidates ?? throw new ArgumentNullException(nameof(candidates));
        _searchSystem = searchSystem;
    }

    /// <summary>Path (or name) of the library that was loaded, or null.</summary>
    public string? LoadedPath { get; private set; }

    /// <summary>
    /// Loads the library if not done yet. Returns true when it is usable; <paramref name="message"/> says
    /// which file was loaded, or where it was looked for and why it could not be used.
    /// </summary>
    public bool TryLoad(out string message)
    {
        lock (_lock)
        {
            if (!_attempted)
            {
                _attempted = true;
                _available = Load();
            }
            message = _message;
            return _available;
        }
    }

    private static IReadOnlyList<string> DefaultCandidates()
    {
        var list = new List<string>();
        var env = Environment.GetEnvironmentVariable("KWS_NATIVE_LIB");
        if (!string.IsNullOrEmpty(env))
        {
            list.Add(env);
        }
        if (PlatformRid is { } rid)
        {
            list.Add(Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", FileName));
        }
        list.Add(Path.Combine(AppContext.BaseDirectory, FileName));
        return list;
    }

    /// <summary>
    /// The portable runtime identifier of this process (linux-x64, linux-arm64, win-x64, osx-arm64 ...), the folder
    /// name of the tool package's native library; null for an operating system the package has no folder scheme for.
    /// </summary>
    public static string? PlatformRid
    {
        get
        {
            string? os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : null;
            string? arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "x86",
                Architecture.Arm => "arm",
                _ => null,
            };
            return os != null && arch != null ? os + "-" + arch : null;
        }
    }

    private bool Load()
    {
        var failures = new List<string>();
        foreach (var path in _candidates)
        {
            if (!File.Exists(path))
            {
                failures.Add($"{path} (not found)");
                continue;
            }
            try
            {
                IntPtr handle = NativeLibrary.Load(path);
                return Accept(handle, path);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                failures.Add($"{path} ({e.Message})");
            }
        }
        if (_searchSystem && NativeLibrary.TryLoad(NativeMethods.Library, typeof(NativeLibraryLoader).Assembly, null, out IntPtr sys))
        {
            return Accept(sys, NativeMethods.Library);
        }
        if (_searchSystem)
        {
            failures.Add($"'{NativeMethods.Library}' (not on the system library path)");
        }
        _message = $"native engine {FileName} not available: tried {string.Join("; ", failures)}";
        return false;
    }

    private bool Accept(IntPtr handle, string path)
    {
        if (!NativeLibrary.TryGetExport(handle, "kws_model_open", out _) || !NativeLibrary.TryGetExport(handle, "kws_invoke", out _))
        {
            _message = $"native engine {path} does not export kws_model_open/kws_invoke";
            return false;
        }
        lock (ResolverLock)
        {
            if (!s_resolverInstalled)
            {
                s_resolvedHandle = handle;
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);
                s_resolverInstalled = true;
            }
        }
        LoadedPath = path;
        _message = $"native engine loaded from {path}";
        return true;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        return libraryName == NativeMethods.Library ? s_resolvedHandle : IntPtr.Zero;
    }
}
