using System.Text.RegularExpressions;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// The hand-written native interop glue (kernels-native/interop/nanoframework) must agree with the managed
/// interop class as compiled against the real mscorlib: method slots in Metadata Processor order, the native checksum
/// the runtime compares at load (both computed by tests/KwsNano.NfBuild from the compiled metadata), the glue status
/// codes and the per-call hop limit.
/// </summary>
public class InteropGlueTests
{
    private static string Glue(string file) => File.ReadAllText(FirmwarePaths.Repo("kernels-native", "interop", "nanoframework", file));

    [Fact]
    public void MethodTableFollowsTheCompiledAssembly()
    {
        // slots as the metadata processor lays them out from the assembly compiled against the real mscorlib
        var expected = KwsNano.Tests.NanoFramework.InteropAssembly.AtCSharp9.Slots.Select(s => s.MangledName).ToList();
        Assert.Equal(13, expected.Count);
        Assert.Equal(expected, KwsNano.NfBuild.GlueRecord.Parse(FirmwarePaths.Repo("kernels-native", "interop", "nanoframework", "KwsNano_Interop.cpp")).Methods);
        var declared = Regex.Matches(Glue("KwsNano_Interop.h"), @"NANOCLR_NATIVE_DECLARE\((\w+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expected, declared);
        var implemented = Regex.Matches(Glue("KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp"), @"KwsEngine::(\w+)\(CLR_RT_StackFrame &stack\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expected, implemented);
    }

    [Fact]
    public void NativeChecksumIsTheCompiledAssemblys()
    {
        var glue = KwsNano.NfBuild.GlueRecord.Parse(FirmwarePaths.Repo("kernels-native", "interop", "nanoframework", "KwsNano_Interop.cpp"));
        Assert.Equal(KwsNano.Tests.NanoFramework.InteropAssembly.AtCSharp9.Checksum, glue.Checksum);
    }

    [Fact]
    public void GlueConstantsMatchTheManagedConstants()
    {
        var port = Glue("kws_nf_port.h");
        foreach (var (name, value) in new[] { ("NO_MODEL", KwsNano.Interop.KwsEngine.StatusNoModel), ("OUT_OF_MEMORY", KwsNano.Interop.KwsEngine.StatusOutOfMemory), ("FLASH", KwsNano.Interop.KwsEngine.StatusFlash), ("NO_CAPTURE", KwsNano.Interop.KwsEngine.StatusNoCapture), ("ARGUMENT", KwsNano.Interop.KwsEngine.StatusArgument) })
        {
            Assert.Matches($@"#define KWS_NF_{name} {value}\b", port);
        }
        var impl = Glue("KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp");
        Assert.Matches($@"#define KWS_NF_MAX_HOPS_PER_CALL {KwsNano.Interop.KwsEngine.MaxHopsPerCall}\b", impl);
        Assert.Matches($@"#define KWS_NF_INFO_LENGTH {KwsNano.Interop.KwsEngine.InfoLength}\b", impl);
        Assert.Matches($@"#define KWS_NF_TIMING_LENGTH {KwsNano.Interop.KwsEngine.TimingLength}\b", impl);
        var version = Regex.Match(File.ReadAllText(FirmwarePaths.Repo("firmware", "KwsNano.Interop", "Properties", "AssemblyInfo.cs")), @"AssemblyNativeVersion\(""(\d+)\.(\d+)\.(\d+)\.(\d+)""\)");
        Assert.Contains($"{{ {version.Groups[1]}, {version.Groups[2]}, {version.Groups[3]}, {version.Groups[4]} }}", Glue("KwsNano_Interop.cpp"));
    }
}
