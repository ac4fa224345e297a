namespace KwsNano.NfBuild;

/// <summary>One nanoFramework package of firmware/ApiSurface/packages.json.</summary>
public sealed class PackageInfo
{
    /// <summary>NuGet id.</summary>
    public string Id { get; init; } = "";

    /// <summary>Version (the one the firmware uses).</summary>
    public string Version { get; init; } = "";

    /// <summary>Files under lib/ (an assembly each).</summary>
    public string[] Files { get; init; } = [];

    /// <summary>AssemblyNativeVersion of the native part, null for a managed-only package.</summary>
    public string? NativeVersion { get; init; }

    /// <summary>Dependencies: id to minimum version (nuspec).</summary>
    public Dictionary<string, string> Dependencies { get; init; } = new();

    /// <summary>Platforms (ESP32, STM32) whose nanoFramework firmware has this package's native part.</summary>
    public string[] Natives { get; init; } = [];

    /// <summary>Folder under lib/ as a .nfproj HintPath names it: packages/&lt;id&gt;.&lt;version&gt;/lib.</summary>
    public string LibFolder(string packagesDir) => Path.Combine(packagesDir, $"{Id}.{Version}", "lib");
}
