using System.Text.RegularExpressions;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// The hand-written native interop glue (kernels-native/interop/nanoframework) must agree with the managed
/// interop class as compiled against the real mscorlib: method slots in Metadata Processor order, the native checksum
/// the runtime compares at load (both computed by tests/KwsNano.NfBuild from the compiled metadata), the glue status
/// codes, layouts and the per-call hop limit, now defined once in C (kws_nf_session.h).
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

    /// <summary>
    /// The C name of a managed constant: StatusNoModel -> KWS_NF_NO_MODEL, InfoMaxFramesPerCall ->
    /// KWS_NF_INFO_MAX_FRAMES_PER_CALL, TimingCallUs -> KWS_NF_TIMING_CALL_US, MaxHopsPerCall -> KWS_NF_MAX_HOPS_PER_CALL.
    /// </summary>
    private static string CName(string managed)
    {
        string name = managed.StartsWith("Status", StringComparison.Ordinal) ? managed["Status".Length..] : managed;
        return "KWS_NF_" + Regex.Replace(name, "(?<=[a-z0-9])(?=[A-Z])", "_").ToUpperInvariant();
    }

    /// <summary>Every KWS_NF_* constant kws_nf_session.h defines (enumerators with explicit values and numeric #defines).</summary>
    internal static Dictionary<string, int> SessionHeaderConstants()
    {
        var header = Glue("kws_nf_session.h");
        var found = new Dictionary<string, int>();
        foreach (Match m in Regex.Matches(header, @"^\s*(KWS_NF_\w+) = (-?\d+),?", RegexOptions.Multiline))
        {
            found.Add(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (Match m in Regex.Matches(header, @"^#define (KWS_NF_\w+) (-?\d+)\s*$", RegexOptions.Multiline))
        {
            found.Add(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        return found;
    }

    [Fact]
    public void ManagedConstantsAreTheSessionHeaders()
    {
        // the one C definition of the status codes, info and timing layouts and per-call limits: kws_nf_session.h
        var c = SessionHeaderConstants();
        var managed = typeof(KwsNano.Interop.KwsEngine).GetFields().Where(f => f.IsLiteral)
            .ToDictionary(f => CName(f.Name), f => (int)f.GetRawConstantValue()!);
        Assert.Equal(managed.OrderBy(k => k.Key), c.OrderBy(k => k.Key));
        // each is defined once in C: the old copies in the glue and the port header are gone
        foreach (var file in new[] { "kws_nf_port.h", "KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp", "kws_nf_session.c" })
        {
            Assert.DoesNotMatch(@"#define KWS_NF_\w+ -?\d+", Glue(file));
        }
    }

    [Fact]
    public void CSharpNamesMapToTheirCNames()
    {
        Assert.Equal("KWS_NF_NO_MODEL", CName("StatusNoModel"));
        Assert.Equal("KWS_NF_INFO_MAX_FRAMES_PER_CALL", CName("InfoMaxFramesPerCall"));
        Assert.Equal("KWS_NF_TIMING_FRONTEND_US", CName("TimingFrontendUs"));
        Assert.Equal("KWS_NF_BYTES_PER_FRAME", CName("BytesPerFrame"));
    }

    [Fact]
    public void AssemblyNativeVersionIsTheGlues()
    {
        var version = Regex.Match(File.ReadAllText(FirmwarePaths.Repo("firmware", "KwsNano.Interop", "Properties", "AssemblyInfo.cs")), @"AssemblyNativeVersion\(""(\d+)\.(\d+)\.(\d+)\.(\d+)""\)");
        Assert.Contains($"{{ {version.Groups[1]}, {version.Groups[2]}, {version.Groups[3]}, {version.Groups[4]} }}", Glue("KwsNano_Interop.cpp"));
    }

    [Fact]
    public void TheGlueOnlyMarshals()
    {
        // every method body is one session call: no engine call, allocation or limit of its own
        var glue = Glue("KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp");
        Assert.DoesNotMatch(@"\bkws_(model|stream)_\w+\(", glue);
        var bodies = glue.Split("HRESULT KwsEngine::").Skip(1).ToList();
        Assert.Equal(13, bodies.Count);
        Assert.All(bodies, body => Assert.Single(Regex.Matches(body, @"\bkws_nf_session_\w+\(")));
    }
}
