namespace KwsNano.NfBuild;

/// <summary>
/// Builds and checks every nanoFramework project of a KwsNano tree (firmware/*/*.nfproj):
/// <list type="number">
/// <item>API reference assemblies from firmware/ApiSurface against the real mscorlib, laid out with the real
/// mscorlib where the HintPaths point (firmware/packages/&lt;id&gt;.&lt;version&gt;/lib), as a packages.config restore would;</item>
/// <item>each packages.config against the package table: known packages and versions, the full dependency closure;</item>
/// <item>each project's evaluated compiler settings (C# 9, no nullable: what the project system sets), every Reference
/// backed by a package of its own packages.config;</item>
/// <item>the build itself, through MSBuild with the project system's settings, every warning an error;</item>
/// <item>the interop assembly's native checksum and method table, computed from the compiled assembly, against the C++ glue;</item>
/// <item>per deployed project, every package it (or a project it references) uses has a native part on each of its
/// targets; a test project has one entry point, the UnitTestLauncher.</item>
/// </list>
/// </summary>
public sealed class FirmwareBuild(string repo, TextWriter log)
{
    /// <summary>Result of a run.</summary>
    public sealed class Report
    {
        /// <summary>Every problem found (empty: all checks passed).</summary>
        public List<string> Problems { get; } = [];

        /// <summary>Projects evaluated, by path.</summary>
        public Dictionary<string, NfProject> Projects { get; } = new(StringComparer.Ordinal);

        /// <summary>Native method table of KwsNano.Interop as compiled (null if it did not build).</summary>
        public NativeMethodTable? Interop { get; set; }
    }

    /// <summary>Path of the glue source holding the method table and checksum.</summary>
    public string GluePath { get; init; } = Path.Combine(repo, "kernels-native", "interop", "nanoframework", "KwsNano_Interop.cpp");

    /// <summary>False: evaluate and check the projects without compiling them (the checksum step then needs an earlier build).</summary>
    public bool BuildProjects { get; init; } = true;

    /// <summary>Runs every step; throws <see cref="NfBuildException"/> only when the tree cannot be checked at all.</summary>
    public Report Run()
    {
        var report = new Report();
        string firmware = Path.Combine(repo, "firmware");
        var table = PackageTable.Load(Path.Combine(firmware, "ApiSurface", "packages.json"));

        log.WriteLine("nfbuild: API reference assemblies (firmware/ApiSurface) against nanoFramework.CoreLibrary 1.17.11 mscorlib");
        var surfaces = SurfaceCompiler.BuildAll(Path.Combine(firmware, "ApiSurface"), Mscorlib.Dll, Path.Combine(repo, "build", "nanoframework", "ref"));
        string packagesDir = Path.Combine(firmware, "packages");
        Restore(table, surfaces, packagesDir);

        var projects = Directory.EnumerateFiles(firmware, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}packages{Path.DirectorySeparatorChar}"))
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (projects.Count == 0)
        {
            throw new NfBuildException($"{firmware}: no .nfproj found");
        }
        foreach (var path in projects)
        {
            var project = NfProject.Evaluate(path);
            report.Projects[path] = project;
            CheckSettings(project, report.Problems);
            CheckPackages(project, table, packagesDir, report.Problems);
        }
        foreach (var project in report.Projects.Values)
        {
            CheckDeployment(project, report, table);
        }
        foreach (var project in BuildProjects ? report.Projects.Values.ToList() : [])
        {
            log.WriteLine($"nfbuild: build {Path.GetRelativePath(repo, project.Path)} ({project.OutputType}, C# {project.LangVersion}{(project.Targets.Length > 0 ? ", " + string.Join("+", project.Targets) : "")})");
            try
            {
                MsBuild.Build(project.Path);
            }
            catch (NfBuildException e)
            {
                report.Problems.Add(e.Message);
            }
        }
        var interop = report.Projects.Values.FirstOrDefault(p => p.AssemblyName == "KwsNano.Interop");
        if (interop == null)
        {
            report.Problems.Add("no KwsNano.Interop project found");
        }
        else if (BuildProjects && File.Exists(interop.TargetPath))
        {
            report.Interop = NativeMethodTable.Read(interop.TargetPath, Mscorlib.Folder);
            CheckGlue(report.Interop, interop.TargetPath, report.Problems);
        }
        return report;
    }

    private void Restore(PackageTable table, Dictionary<string, string> surfaces, string packagesDir)
    {
        foreach (var package in table.Packages)
        {
            string lib = package.LibFolder(packagesDir);
            Directory.CreateDirectory(lib);
            foreach (var file in package.Files)
            {
                string name = Path.GetFileNameWithoutExtension(file);
                string source = package.Id == "nanoFramework.CoreLibrary" ? Path.Combine(Mscorlib.Folder, file)
                    : surfaces.TryGetValue(name, out var built) ? built
                    : throw new NfBuildException($"package {package.Id}: no API surface builds {file}");
                File.Copy(source, Path.Combine(lib, file), overwrite: true);
            }
        }
    }

    private static void CheckSettings(NfProject project, List<string> problems)
    {
        if (project.LangVersion != "9.0")
        {
            problems.Add($"{project.Path}: compiles with LangVersion '{project.LangVersion}', not the project system's 9.0 (a props file overrides it; the interop checksum and metadata change)");
        }
        if (project.Nullable.Length > 0 && !project.Nullable.Equals("disable", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{project.Path}: compiles with Nullable '{project.Nullable}' (a .NET-only setting reached the .nfproj)");
        }
        if (!project.DefineConstants.Contains("NANOFRAMEWORK_1_0", StringComparison.Ordinal))
        {
            problems.Add($"{project.Path}: NANOFRAMEWORK_1_0 is not defined");
        }
    }

    private static void CheckPackages(NfProject project, PackageTable table, string packagesDir, List<string> problems)
    {
        string configPath = Path.Combine(project.Folder, "packages.config");
        var listed = PackagesConfig.Read(configPath);
        problems.AddRange(table.CheckConfig(configPath, listed));
        foreach (var (include, hint) in project.References)
        {
            if (hint == null)
            {
                problems.Add($"{project.Path}: reference {include} has no HintPath");
                continue;
            }
            string full = Path.GetFullPath(Path.Combine(project.Folder, hint.Replace('\\', '/')));
            var package = table.Packages.FirstOrDefault(p => full.StartsWith(p.LibFolder(packagesDir) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
            if (package == null)
            {
                problems.Add($"{project.Path}: reference {include} ({hint}) is no file of a known package version");
            }
            else if (!listed.Any(l => l.Id.Equals(package.Id, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{project.Path}: reference {include} comes from {package.Id}, which its packages.config does not list");
            }
            else if (!File.Exists(full))
            {
                problems.Add($"{project.Path}: reference {include}: {hint} does not exist in package {package.Id} {package.Version} (it ships {string.Join(", ", package.Files)})");
            }
        }
    }

    private static void CheckDeployment(NfProject project, Report report, PackageTable table)
    {
        var problems = report.Problems;
        var used = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Collect(NfProject p)
        {
            if (!visited.Add(p.Path))
            {
                return;
            }
            foreach (var (id, _) in PackagesConfig.Read(Path.Combine(p.Folder, "packages.config")))
            {
                used.Add(id);
            }
            foreach (var reference in p.ProjectReferences)
            {
                if (report.Projects.TryGetValue(reference, out var child))
                {
                    Collect(child);
                }
                else
                {
                    problems.Add($"{p.Path}: project reference {reference} is not a firmware project");
                }
            }
        }
        Collect(project);
        if (project.Targets.Length == 0 && project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{project.Path}: an app must name its targets (KwsNanoTargets: ESP32, STM32)");
        }
        foreach (var target in project.Targets)
        {
            foreach (var id in used)
            {
                var package = table.Find(id);
                if (package != null && !package.Natives.Contains(target, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{project.Path}: deployed to {target}, but uses {id}, which has no native part on {target} (the device refuses the deployment)");
                }
            }
        }
        bool isTest = project.References.Any(r => r.Include == "nanoFramework.UnitTestLauncher");
        foreach (var reference in project.ProjectReferences)
        {
            if (report.Projects.TryGetValue(reference, out var child) && child.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{project.Path}: references the app {child.AssemblyName} ({child.OutputType}), whose Main would compete with {(isTest ? "the UnitTestLauncher" : "this project's entry point")}");
            }
        }
        if (isTest && project.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{project.Path}: a test project is a library; its entry point is the UnitTestLauncher");
        }
    }

    private void CheckGlue(NativeMethodTable table, string assemblyPath, List<string> problems)
    {
        var glue = GlueRecord.Parse(GluePath);
        var expected = table.Slots.Select(s => s.IsNative ? s.MangledName : "NULL").ToList();
        if (glue.Checksum != table.Checksum)
        {
            problems.Add($"{GluePath}: checksum 0x{glue.Checksum:X8}, but {assemblyPath} as compiled has 0x{table.Checksum:X8} (nanoCLR refuses the assembly: \"Invalid native checksum\")");
        }
        if (!glue.Methods.SequenceEqual(expected))
        {
            problems.Add($"{GluePath}: method_lookup has {glue.Methods.Count} slots [{string.Join(", ", glue.Methods)}], the compiled assembly {expected.Count} [{string.Join(", ", expected)}]");
        }
        string? native = NativeVersionOf(assemblyPath);
        if (native != glue.Version)
        {
            problems.Add($"{GluePath}: native version {glue.Version}, the assembly declares AssemblyNativeVersion {native ?? "(none)"}");
        }
    }

    /// <summary>The AssemblyNativeVersion attribute of a compiled assembly.</summary>
    public static string? NativeVersionOf(string assemblyPath)
    {
        using var assembly = Mono.Cecil.AssemblyDefinition.ReadAssembly(assemblyPath);
        return assembly.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == "System.Reflection.AssemblyNativeVersionAttribute")
            ?.ConstructorArguments[0].Value as string;
    }
}
