namespace KwsNano.NfBuild;

/// <summary>Command line: nfbuild [--repo DIR] (build and check everything) | nfbuild checksum ASSEMBLY.</summary>
public static class NfBuildCli
{
    /// <summary>Runs; returns the exit code (0 all checks passed, 1 a check failed, 2 bad usage or input).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length >= 2 && args[0] == "checksum")
            {
                var table = NativeMethodTable.Read(args[1], Mscorlib.Folder);
                output.WriteLine($"{table.AssemblyName}: checksum 0x{table.Checksum:X8}, {table.Slots.Count} slots, {table.NativeSlots.Count()} native");
                foreach (var slot in table.Slots)
                {
                    output.WriteLine($"  {(slot.IsNative ? slot.ClassName + "::" + slot.MangledName : "NULL (" + slot.ClassName + "::" + slot.MangledName + ")")}");
                }
                return 0;
            }
            string repo = args.Length >= 2 && args[0] == "--repo" ? Path.GetFullPath(args[1]) : FindRepo();
            var report = new FirmwareBuild(repo, output).Run();
            foreach (var problem in report.Problems)
            {
                error.WriteLine("nfbuild: " + problem);
            }
            output.WriteLine(report.Problems.Count == 0 ? "nfbuild: all nanoFramework checks passed" : $"nfbuild: {report.Problems.Count} problem(s)");
            return report.Problems.Count == 0 ? 0 : 1;
        }
        catch (NfBuildException e)
        {
            error.WriteLine("nfbuild: error: " + e.Message);
            return 2;
        }
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KwsNano.sln")))
            {
                return dir.FullName;
            }
        }
        throw new NfBuildException("not inside the KwsNano repository (no KwsNano.sln above the current folder); pass --repo DIR");
    }
}
