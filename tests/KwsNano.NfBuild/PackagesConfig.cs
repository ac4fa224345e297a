using System.Xml.Linq;

namespace KwsNano.NfBuild;

/// <summary>Reads a nanoFramework project's packages.config.</summary>
public static class PackagesConfig
{
    /// <summary>The (id, version) pairs of <paramref name="path"/>.</summary>
    public static List<(string Id, string Version)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new NfBuildException($"{path}: missing (every .nfproj lists its packages there)");
        }
        return XDocument.Load(path).Root!.Elements("package")
            .Select(e => ((string?)e.Attribute("id") ?? "", (string?)e.Attribute("version") ?? ""))
            .ToList();
    }
}
