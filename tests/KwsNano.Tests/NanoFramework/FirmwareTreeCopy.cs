namespace KwsNano.Tests.NanoFramework;

/// <summary>
/// A temporary copy of what the nanoFramework build reads (firmware/ without build outputs, the root
/// Directory.Build.props, the interop glue), so a test can break one thing and see the check fail.
/// </summary>
internal sealed class FirmwareTreeCopy : IDisposable
{
    public FirmwareTreeCopy()
    {
        Root = Path.Combine(Path.GetTempPath(), "kwsnano-nf-" + Guid.NewGuid().ToString("N")[..8]);
        CopyTree(Firmware.FirmwarePaths.Repo("firmware"), Path.Combine(Root, "firmware"));
        File.Copy(Firmware.FirmwarePaths.Repo("Directory.Build.props"), Path.Combine(Root, "Directory.Build.props"));
        string glue = Path.Combine("kernels-native", "interop", "nanoframework");
        Directory.CreateDirectory(Path.Combine(Root, glue));
        File.Copy(Firmware.FirmwarePaths.Repo(glue, "KwsNano_Interop.cpp"), Path.Combine(Root, glue, "KwsNano_Interop.cpp"));
    }

    /// <summary>Root of the copy (stands for the repository root).</summary>
    public string Root { get; }

    /// <summary>Path of a file in the copy.</summary>
    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Replaces <paramref name="oldText"/> (which must occur) in a file of the copy.</summary>
    public void Edit(string relativePath, string oldText, string newText)
    {
        string path = PathOf(relativePath.Split('/'));
        string text = File.ReadAllText(path);
        Assert.Contains(oldText, text);
        File.WriteAllText(path, text.Replace(oldText, newText));
    }

    /// <summary>Runs nfbuild on the copy.</summary>
    public KwsNano.NfBuild.FirmwareBuild.Report Run(bool build)
    {
        var log = new StringWriter();
        return new KwsNano.NfBuild.FirmwareBuild(Root, log) { BuildProjects = build }.Run();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            string name = Path.GetFileName(dir);
            if (name is "bin" or "obj" or "packages")
            {
                continue;
            }
            CopyTree(dir, Path.Combine(to, name));
        }
    }
}
