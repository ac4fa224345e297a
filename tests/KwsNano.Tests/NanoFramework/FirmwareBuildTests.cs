using KwsNano.NfBuild;

namespace KwsNano.Tests.NanoFramework;

/// <summary>
/// The nanoFramework projects as a device build sees them (tests/KwsNano.NfBuild: MSBuild with the project system's
/// settings, the real nanoFramework.CoreLibrary 1.17.11 mscorlib, API reference assemblies). Each negative case breaks
/// one thing in a copy of the tree and checks nfbuild names it: the failures a board would show (checksum refused,
/// missing assembly, deployment refused).
/// </summary>
public class FirmwareBuildTests
{
    // Native checksums of KwsNano.Interop measured with the real toolchain (metadata processor 3.0.100):
    // ../shared/docs/nanoframework.md, "Facts from a real-toolchain build".
    private const uint RealChecksumCSharp9 = 0xE6D297F9;
    private const uint RealChecksumLatestNullable = 0xB89CA571;

    [Fact]
    public void EveryProjectBuildsAgainstTheRealCoreLibraryWithTheGluesChecksum()
    {
        using var tree = new FirmwareTreeCopy();
        var report = tree.Run(build: true);
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
        Assert.Equal(5, report.Projects.Count);
        Assert.All(report.Projects.Values, p => Assert.Equal("9.0", p.LangVersion));
        Assert.All(report.Projects.Values, p => Assert.True(File.Exists(p.TargetPath), p.TargetPath));
        Assert.NotNull(report.Interop);
        Assert.Equal(GlueRecord.Parse(tree.PathOf("kernels-native", "interop", "nanoframework", "KwsNano_Interop.cpp")).Checksum, report.Interop!.Checksum);
        Assert.Equal(RealChecksumCSharp9, report.Interop.Checksum);
        // the built apps reference the real mscorlib, not a .NET one
        using var app = Mono.Cecil.AssemblyDefinition.ReadAssembly(report.Projects.Values.Single(p => p.AssemblyName == "KwsNano.App.Esp32").TargetPath);
        Assert.Contains(app.MainModule.AssemblyReferences, r => r.Name == "mscorlib" && r.Version.Major == 1);
        Assert.DoesNotContain(app.MainModule.AssemblyReferences, r => r.Name is "System.Runtime" or "netstandard");
    }

    [Fact]
    public void APropsFileThatOverridesTheLanguageVersionIsCaughtByItsChecksum()
    {
        using var tree = new FirmwareTreeCopy();
        // what the repository's props file did before it was conditioned on the project extension
        File.WriteAllText(tree.PathOf("Directory.Build.props"),
            "<Project><PropertyGroup><LangVersion>latest</LangVersion><Nullable>enable</Nullable></PropertyGroup></Project>");
        var report = tree.Run(build: true);
        Assert.Contains(report.Problems, p => p.Contains("LangVersion 'latest'", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("Nullable 'enable'", StringComparison.Ordinal));
        Assert.NotNull(report.Interop);
        Assert.Equal(RealChecksumLatestNullable, report.Interop!.Checksum);
        Assert.Equal(17, report.Interop.Slots.Count);
        Assert.Contains(report.Problems, p => p.Contains("checksum 0xE6D297F9", StringComparison.Ordinal) && p.Contains("0xB89CA571", StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingTransitiveDependencyIsCaught()
    {
        using var tree = new FirmwareTreeCopy();
        tree.Edit("firmware/KwsNano.App.Esp32/packages.config",
            "  <package id=\"nanoFramework.Runtime.Events\" version=\"1.11.32\" targetFramework=\"netnano1.0\" />\n", "");
        var problems = tree.Run(build: false).Problems;
        Assert.Contains(problems, p => p.Contains("KwsNano.App.Esp32", StringComparison.Ordinal)
            && p.Contains("nanoFramework.System.Device.Gpio 1.1.57 needs nanoFramework.Runtime.Events >= 1.11.32", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("nanoFramework.Hardware.Esp32 1.6.34 needs nanoFramework.Runtime.Events", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("reference nanoFramework.Runtime.Events comes from nanoFramework.Runtime.Events, which its packages.config does not list", StringComparison.Ordinal));
    }

    [Fact]
    public void AnStm32AppUsingAnEsp32OnlyPackageIsRefused()
    {
        using var tree = new FirmwareTreeCopy();
        tree.Edit("firmware/KwsNano.App.Stm32/packages.config", "</packages>",
            "  <package id=\"nanoFramework.System.Device.I2s\" version=\"1.0.27\" targetFramework=\"netnano1.0\" />\n</packages>");
        var problems = tree.Run(build: false).Problems;
        Assert.Contains(problems, p => p.Contains("KwsNano.App.Stm32", StringComparison.Ordinal)
            && p.Contains("deployed to STM32, but uses nanoFramework.System.Device.I2s, which has no native part on STM32", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLibraryMayNotUseAnEsp32OnlyPackageEither()
    {
        using var tree = new FirmwareTreeCopy();
        tree.Edit("firmware/KwsNano.Firmware/packages.config", "</packages>",
            "  <package id=\"nanoFramework.Hardware.Esp32\" version=\"1.6.34\" targetFramework=\"netnano1.0\" />\n</packages>");
        var problems = tree.Run(build: false).Problems;
        // the library is deployed on both platforms, and so is everything that references it
        Assert.Contains(problems, p => p.Contains("KwsNano.Firmware.nfproj: deployed to STM32, but uses nanoFramework.Hardware.Esp32", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("KwsNano.App.Stm32.nfproj: deployed to STM32, but uses nanoFramework.Hardware.Esp32", StringComparison.Ordinal));
    }

    [Fact]
    public void TheTestLauncherIsAnExeAndTheTestsReferenceNoApp()
    {
        using var tree = new FirmwareTreeCopy();
        tree.Edit("firmware/KwsNano.Firmware.Tests/KwsNano.Firmware.Tests.nfproj", "nanoFramework.UnitTestLauncher.exe", "nanoFramework.UnitTestLauncher.dll");
        tree.Edit("firmware/KwsNano.Firmware.Tests/KwsNano.Firmware.Tests.nfproj",
            "<ProjectReference Include=\"..\\KwsNano.Firmware\\KwsNano.Firmware.nfproj\" />",
            "<ProjectReference Include=\"..\\KwsNano.Firmware\\KwsNano.Firmware.nfproj\" />\n    <ProjectReference Include=\"..\\KwsNano.App.Esp32\\KwsNano.App.Esp32.nfproj\" />");
        var problems = tree.Run(build: false).Problems;
        Assert.Contains(problems, p => p.Contains("nanoFramework.UnitTestLauncher.dll does not exist in package nanoFramework.TestFramework 3.0.77", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("references the app KwsNano.App.Esp32 (Exe), whose Main would compete with the UnitTestLauncher", StringComparison.Ordinal));
    }

    [Fact]
    public void APackageVersionOtherThanTheCheckedOneIsReported()
    {
        using var tree = new FirmwareTreeCopy();
        tree.Edit("firmware/KwsNano.App.Stm32/packages.config", "id=\"nanoFramework.Runtime.Native\" version=\"1.7.11\"", "id=\"nanoFramework.Runtime.Native\" version=\"1.6.0\"");
        var problems = tree.Run(build: false).Problems;
        Assert.Contains(problems, p => p.Contains("nanoFramework.Runtime.Native 1.6.0, but the firmware is built and checked with 1.7.11", StringComparison.Ordinal));
    }
}
