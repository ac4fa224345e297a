using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// The hand-written native interop glue (kernels-native/interop/nanoframework) must agree with the managed
/// interop class: mangled method names in Metadata Processor order, the native checksum the runtime compares at
/// load, the glue status codes and the per-call hop limit.
/// </summary>
public class InteropGlueTests
{
    private static string Glue(string file) => File.ReadAllText(FirmwarePaths.Repo("kernels-native", "interop", "nanoframework", file));

    private static readonly Dictionary<string, string> NanoTypes = new()
    {
        ["void"] = "VOID", ["bool"] = "BOOLEAN", ["sbyte"] = "I1", ["byte"] = "U1", ["short"] = "I2", ["ushort"] = "U2",
        ["int"] = "I4", ["uint"] = "U4", ["long"] = "I8", ["ulong"] = "U8", ["float"] = "R4", ["double"] = "R8", ["string"] = "STRING",
    };

    private static string NanoType(string csharp) =>
        csharp.EndsWith("[]", StringComparison.Ordinal) ? "SZARRAY_" + NanoType(csharp[..^2]) : NanoTypes[csharp];

    /// <summary>Mangled names (Name___STATIC__RET__ARGS) of the extern methods of the device KwsEngine, in declaration order.</summary>
    private static List<string> MangledNames()
    {
        var root = CSharpSyntaxTree.ParseText(File.ReadAllText(FirmwarePaths.Repo("firmware", "KwsNano.Interop", "KwsEngine.cs"))).GetRoot();
        return root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => m.Identifier.Text + (m.Modifiers.Any(t => t.Text == "static") ? "___STATIC__" : "___")
                + string.Join("__", new[] { NanoType(m.ReturnType.ToString()) }.Concat(m.ParameterList.Parameters.Select(p => NanoType(p.Type!.ToString())))))
            .ToList();
    }

    /// <summary>The Metadata Processor's CRC32 step (polynomial 0x04C11DB7, MSB first, no reflection or final xor).</summary>
    private static uint Crc(string text, uint crc)
    {
        foreach (byte b in System.Text.Encoding.ASCII.GetBytes(text))
        {
            crc ^= (uint)b << 24;
            for (int i = 0; i < 8; i++)
            {
                crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
            }
        }
        return crc;
    }

    /// <summary>
    /// Native methods checksum as the Metadata Processor computes it (NativeMethodsCrc): for every native method,
    /// CRC over assembly name, class name (namespace and type joined by '_') and mangled name, chained; the
    /// running value reads as 0 until the first native method has been counted.
    /// </summary>
    private static uint NativeChecksum(string assembly, string className, IEnumerable<string> methods)
    {
        uint crc = 0;
        int counted = 0;
        foreach (var m in methods)
        {
            crc = Crc(assembly, counted > 0 ? crc : 0);
            crc = Crc(className, counted > 0 ? crc : 0);
            crc = Crc(m, counted > 0 ? crc : 0);
            counted++;
        }
        return counted > 0 ? crc : 0;
    }

    [Fact]
    public void MethodTableFollowsTheManagedDeclarationOrder()
    {
        var expected = MangledNames();
        Assert.Equal(13, expected.Count);
        var table = Regex.Matches(Glue("KwsNano_Interop.cpp"), @"KwsEngine::(\w+),").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expected, table);
        var declared = Regex.Matches(Glue("KwsNano_Interop.h"), @"NANOCLR_NATIVE_DECLARE\((\w+)\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expected, declared);
        var implemented = Regex.Matches(Glue("KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp"), @"KwsEngine::(\w+)\(CLR_RT_StackFrame &stack\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(expected, implemented);
    }

    [Fact]
    public void NativeChecksumMatchesTheMetadataProcessorAlgorithm()
    {
        uint expected = NativeChecksum("KwsNano.Interop", "KwsNano_Interop_KwsEngine", MangledNames());
        var match = Regex.Match(Glue("KwsNano_Interop.cpp"), @"""KwsNano\.Interop"",\s*0x([0-9A-Fa-f]{8}),");
        Assert.True(match.Success, "assembly record not found");
        Assert.Equal(expected.ToString("X8"), match.Groups[1].Value.ToUpperInvariant());
        // The checksum changes with any signature: a renamed method gives another value.
        Assert.NotEqual(expected, NativeChecksum("KwsNano.Interop", "KwsNano_Interop_KwsEngine", MangledNames().Select(n => n.Replace("Reset", "Restart"))));
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
