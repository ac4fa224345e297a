using System.Reflection;

namespace KwsNano.NfBuild;

/// <summary>The real nanoFramework.CoreLibrary 1.17.11 mscorlib.dll (restored from NuGet with this program).</summary>
public static class Mscorlib
{
    /// <summary>Folder holding mscorlib.dll.</summary>
    public static string Folder
    {
        get
        {
            string? package = typeof(Mscorlib).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "NanoFrameworkCoreLibraryPackage")?.Value;
            string folder = Path.Combine(package ?? "", "lib");
            if (string.IsNullOrEmpty(package) || !File.Exists(Path.Combine(folder, "mscorlib.dll")))
            {
                throw new NfBuildException($"nanoFramework.CoreLibrary 1.17.11 not found at '{folder}' (restore tests/KwsNano.NfBuild)");
            }
            return folder;
        }
    }

    /// <summary>Path of mscorlib.dll.</summary>
    public static string Dll => Path.Combine(Folder, "mscorlib.dll");
}
