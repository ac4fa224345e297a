using System.Text.Json;

namespace KwsNano.NfBuild;

/// <summary>The package table (firmware/ApiSurface/packages.json) and the checks a packages.config must pass.</summary>
public sealed class PackageTable
{
    private sealed class FileModel
    {
        public List<PackageInfo> Packages { get; init; } = [];
    }

    private readonly Dictionary<string, PackageInfo> _byId;

    private PackageTable(IEnumerable<PackageInfo> packages) =>
        _byId = packages.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every package.</summary>
    public IEnumerable<PackageInfo> Packages => _byId.Values;

    /// <summary>Reads the table.</summary>
    public static PackageTable Load(string path)
    {
        var model = JsonSerializer.Deserialize<FileModel>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
            ?? throw new NfBuildException($"{path}: empty package table");
        return new PackageTable(model.Packages);
    }

    /// <summary>The package with this id, or null.</summary>
    public PackageInfo? Find(string id) => _byId.TryGetValue(id, out var p) ? p : null;

    /// <summary>
    /// Problems of one packages.config: unknown packages, versions other than the table's, and missing dependencies
    /// of the transitive closure (nanoFramework restores none, so each must be listed, at the minimum version or above).
    /// </summary>
    public List<string> CheckConfig(string configPath, IReadOnlyList<(string Id, string Version)> listed)
    {
        var problems = new List<string>();
        var byId = listed.ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, version) in listed)
        {
            var package = Find(id);
            if (package == null)
            {
                problems.Add($"{configPath}: package {id} is not in the package table (firmware/ApiSurface/packages.json)");
                continue;
            }
            if (package.Version != version)
            {
                problems.Add($"{configPath}: {id} {version}, but the firmware is built and checked with {package.Version}");
            }
            foreach (var (dep, min) in package.Dependencies)
            {
                if (!byId.TryGetValue(dep, out var have))
                {
                    problems.Add($"{configPath}: {id} {version} needs {dep} >= {min}, which is not listed (the device would refuse to start the app)");
                }
                else if (CompareVersions(have, min) < 0)
                {
                    problems.Add($"{configPath}: {id} {version} needs {dep} >= {min}, listed {have}");
                }
            }
        }
        return problems;
    }

    /// <summary>Compares dotted numeric versions.</summary>
    public static int CompareVersions(string a, string b) => System.Version.Parse(a).CompareTo(System.Version.Parse(b));
}
