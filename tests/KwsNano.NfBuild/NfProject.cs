namespace KwsNano.NfBuild;

/// <summary>One .nfproj as MSBuild evaluates it with the nanoFramework project system.</summary>
public sealed class NfProject
{
    /// <summary>Full path of the .nfproj.</summary>
    public string Path { get; init; } = "";

    /// <summary>Project folder.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <summary>Assembly name.</summary>
    public string AssemblyName { get; init; } = "";

    /// <summary>Library, Exe, ...</summary>
    public string OutputType { get; init; } = "";

    /// <summary>C# language version the compiler gets.</summary>
    public string LangVersion { get; init; } = "";

    /// <summary>Nullable context the compiler gets ("" when unset).</summary>
    public string Nullable { get; init; } = "";

    /// <summary>Preprocessor symbols.</summary>
    public string DefineConstants { get; init; } = "";

    /// <summary>Platforms the project is deployed to (KwsNanoTargets: ESP32, STM32).</summary>
    public string[] Targets { get; init; } = [];

    /// <summary>Compiled output path.</summary>
    public string TargetPath { get; init; } = "";

    /// <summary>Assembly references: name and HintPath.</summary>
    public List<(string Include, string? HintPath)> References { get; init; } = [];

    /// <summary>Referenced projects (full paths).</summary>
    public List<string> ProjectReferences { get; init; } = [];

    /// <summary>Evaluates <paramref name="path"/>.</summary>
    public static NfProject Evaluate(string path)
    {
        var e = MsBuild.Evaluate(path,
            ["AssemblyName", "OutputType", "LangVersion", "Nullable", "DefineConstants", "KwsNanoTargets", "TargetPath"],
            ["Reference", "ProjectReference"]);
        string dir = System.IO.Path.GetDirectoryName(path)!;
        string P(string name) => e.Properties.TryGetValue(name, out var v) ? v : "";
        return new NfProject
        {
            Path = path,
            AssemblyName = P("AssemblyName"),
            OutputType = P("OutputType"),
            LangVersion = P("LangVersion"),
            Nullable = P("Nullable"),
            DefineConstants = P("DefineConstants"),
            Targets = P("KwsNanoTargets").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TargetPath = P("TargetPath"),
            References = e.Items.TryGetValue("Reference", out var r) ? r : [],
            ProjectReferences = (e.Items.TryGetValue("ProjectReference", out var pr) ? pr : [])
                .Select(x => System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, x.Include.Replace('\\', '/')))).ToList(),
        };
    }
}
