using KwsNano.NfBuild;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KwsNano.Tests.NanoFramework;

/// <summary>firmware/KwsNano.Interop compiled in-process against the real mscorlib, and its native method table.</summary>
internal static class InteropAssembly
{
    private static readonly Lazy<NativeMethodTable> AsBuilt = new(() => Compile(LanguageVersion.CSharp9, NullableContextOptions.Disable));

    /// <summary>The table of the assembly as the project system compiles it (C# 9, no nullable).</summary>
    public static NativeMethodTable AtCSharp9 => AsBuilt.Value;

    /// <summary>Compiles the interop sources with the given settings and reads the native method table.</summary>
    public static NativeMethodTable Compile(LanguageVersion version, NullableContextOptions nullable)
    {
        string folder = Firmware.FirmwarePaths.Repo("firmware", "KwsNano.Interop");
        var parse = new CSharpParseOptions(version);
        var trees = new[] { "KwsEngine.cs", Path.Combine("Properties", "AssemblyInfo.cs") }
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(folder, f)), parse, f)).ToList();
        var compilation = CSharpCompilation.Create("KwsNano.Interop", trees, [MetadataReference.CreateFromFile(Mscorlib.Dll)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable));
        string dir = Path.Combine(Path.GetTempPath(), "kwsnano-crc-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "KwsNano.Interop.dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        try
        {
            return NativeMethodTable.Read(path, Mscorlib.Folder);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
