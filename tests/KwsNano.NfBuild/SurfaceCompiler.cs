using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KwsNano.NfBuild;

/// <summary>
/// Compiles the API surface folders (firmware/ApiSurface/&lt;Assembly&gt;) into reference assemblies against the real
/// mscorlib. A surface declares behaviour as partial methods and properties without bodies (the virtual board
/// implements them); for the reference assembly this class adds the implementing part, every body throwing.
/// </summary>
public static class SurfaceCompiler
{
    /// <summary>Compile order: an assembly after those it references.</summary>
    public static readonly string[] Order =
    [
        "nanoFramework.Runtime.Events", "System.Device.Gpio", "nanoFramework.Hardware.Esp32", "System.Device.I2s",
        "nanoFramework.Runtime.Native", "System.Math", "nanoFramework.TestFramework", "nanoFramework.UnitTestLauncher",
    ];

    /// <summary>Builds every surface of <paramref name="surfaceRoot"/> into <paramref name="outputDir"/>; returns assembly name to path.</summary>
    public static Dictionary<string, string> BuildAll(string surfaceRoot, string mscorlibPath, string outputDir)
    {
        Directory.CreateDirectory(outputDir);
        var built = new Dictionary<string, string>(StringComparer.Ordinal);
        var references = new List<MetadataReference> { MetadataReference.CreateFromFile(mscorlibPath) };
        foreach (var name in Order)
        {
            string folder = Path.Combine(surfaceRoot, name);
            if (!Directory.Exists(folder))
            {
                throw new NfBuildException($"{folder}: API surface folder missing");
            }
            bool exe = name == "nanoFramework.UnitTestLauncher";
            string path = Path.Combine(outputDir, name + (exe ? ".exe" : ".dll"));
            Compile(name, folder, references, exe, path);
            built[name] = path;
            references.Add(MetadataReference.CreateFromFile(path));
        }
        return built;
    }

    private static void Compile(string name, string folder, List<MetadataReference> references, bool exe, string outputPath)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.EnumerateFiles(folder, "*.cs").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p, Encoding.UTF8)).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(ImplementingPart(trees), parse, name + ".refstubs.cs", Encoding.UTF8));
        var options = new CSharpCompilationOptions(exe ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Disable)
            .WithDeterministic(true)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS0067"] = ReportDiagnostic.Suppress, // events raised only by the virtual board's half
                ["CS0649"] = ReportDiagnostic.Suppress, // public fields set by native code
            });
        var compilation = CSharpCompilation.Create(name, trees, references, options);
        using var stream = File.Create(outputPath);
        var result = compilation.Emit(stream);
        var problems = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        if (!result.Success || problems.Count > 0)
        {
            throw new NfBuildException($"API surface {name} does not compile against the real mscorlib:\n  " + string.Join("\n  ", problems));
        }
    }

    /// <summary>C# source implementing every body-less partial member of <paramref name="trees"/> with "throw null".</summary>
    public static string ImplementingPart(IEnumerable<SyntaxTree> trees)
    {
        var text = new StringBuilder();
        foreach (var type in trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>()))
        {
            var members = new StringBuilder();
            foreach (var member in type.Members)
            {
                if (!member.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    continue;
                }
                string modifiers = member.Modifiers.ToString();
                switch (member)
                {
                    case MethodDeclarationSyntax m when m.Body == null && m.ExpressionBody == null:
                        members.Append($"        {modifiers} {m.ReturnType} {m.Identifier}{m.ParameterList} => throw null;\n");
                        break;
                    case PropertyDeclarationSyntax p when p.AccessorList != null && p.AccessorList.Accessors.All(a => a.Body == null && a.ExpressionBody == null):
                        string accessors = string.Join(" ", p.AccessorList.Accessors.Select(a => $"{a.Modifiers} {a.Keyword.Text} => throw null;".Trim()));
                        members.Append($"        {modifiers} {p.Type} {p.Identifier} {{ {accessors} }}\n");
                        break;
                }
            }
            if (members.Length == 0)
            {
                continue;
            }
            string ns = type.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? "";
            string keyword = type.Keyword.Text;
            text.Append($"namespace {ns}\n{{\n    {string.Join(" ", type.Modifiers.Where(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.PartialKeyword)))} {keyword} {type.Identifier}\n    {{\n{members}    }}\n}}\n");
        }
        return text.ToString();
    }
}
