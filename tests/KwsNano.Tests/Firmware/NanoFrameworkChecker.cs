using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// Finds C# constructs that .NET nanoFramework 1.x rejects or mis-runs, in sources that must compile for
/// nanoFramework: generics (declared or used, including nullable value types and tuples), LINQ, async/await and
/// Task, Span-like types, stackalloc, records, string interpolation or String.Format with format specifiers,
/// MathF, multidimensional arrays, Console overloads other than Write(string)/WriteLine()/WriteLine(string),
/// and Enum.ToString(). Syntax rules need no compilation; the Console/Enum/nullable rules use a semantic model
/// built against the virtual board's API mirrors (same surface as the nanoFramework packages).
/// </summary>
internal static class NanoFrameworkChecker
{
    /// <summary>One violation.</summary>
    internal sealed record Finding(string File, int Line, string Rule, string Text)
    {
        public override string ToString() => $"{File}:{Line}: {Rule}: {Text}";
    }

    private static readonly HashSet<string> LinqMethods =
    [
        "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy", "GroupBy", "ToList", "ToArray",
        "ToDictionary", "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "Any", "All",
        "Count", "Sum", "Average", "Min", "Max", "Distinct", "Skip", "Take", "Zip", "Aggregate", "Cast", "OfType", "Concat",
    ];

    private static readonly HashSet<string> ForbiddenNamespaces =
        ["System.Linq", "System.Threading.Tasks", "System.Collections.Generic", "System.Buffers", "System.Runtime.Intrinsics"];

    private static readonly HashSet<string> ForbiddenTypes =
        ["MathF", "Task", "ValueTask", "Span", "ReadOnlySpan", "Memory", "ReadOnlyMemory", "List", "Dictionary", "HashSet", "Tuple", "ValueTuple", "Func", "Lazy"];

    /// <summary>Checks files (path, text) together; returns every finding.</summary>
    public static IReadOnlyList<Finding> Check(IEnumerable<(string Path, string Text)> files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, f.Path)).ToList();
        var compilation = CSharpCompilation.Create("nfcheck", trees, CachedReferences.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: false));
        var findings = new List<Finding>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            CheckTree(tree, model, findings);
        }
        return findings;
    }

    private static readonly Lazy<List<MetadataReference>> CachedReferences = new(() => References().ToList());

    private static IEnumerable<MetadataReference> References()
    {
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in tpa)
        {
            yield return MetadataReference.CreateFromFile(path);
        }
        yield return MetadataReference.CreateFromFile(typeof(KwsNano.VirtualBoard.Board).Assembly.Location);
    }

    private static void CheckTree(SyntaxTree tree, SemanticModel model, List<Finding> findings)
    {
        void Add(SyntaxNode node, string rule)
        {
            var line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            var text = node.ToString();
            findings.Add(new Finding(tree.FilePath, line, rule, text.Length > 60 ? text[..60] + "..." : text));
        }

        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case UsingDirectiveSyntax u when u.Name != null && ForbiddenNamespaces.Contains(u.Name.ToString()):
                    Add(u, "namespace not available on nanoFramework 1.x");
                    break;
                case TypeParameterListSyntax:
                    Add(node, "generic declaration");
                    break;
                case GenericNameSyntax:
                    Add(node, "generic type or method");
                    break;
                case TupleTypeSyntax or TupleExpressionSyntax:
                    Add(node, "tuple (generic ValueTuple)");
                    break;
                case QueryExpressionSyntax:
                    Add(node, "LINQ query");
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax m } inv when LinqMethods.Contains(m.Name.Identifier.Text) && IsLinq(model, inv):
                    Add(inv, "LINQ method");
                    break;
                case AwaitExpressionSyntax:
                    Add(node, "await");
                    break;
                case MethodDeclarationSyntax md when md.Modifiers.Any(SyntaxKind.AsyncKeyword):
                    Add(md.Identifier.Parent!, "async method");
                    break;
                case AnonymousFunctionExpressionSyntax af when af.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword):
                    Add(af, "async lambda");
                    break;
                case IdentifierNameSyntax id when ForbiddenTypes.Contains(id.Identifier.Text) && IsTypeOrStatic(model, id):
                    Add(id, "type not available on nanoFramework 1.x");
                    break;
                case StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax:
                    Add(node, "stackalloc (Span)");
                    break;
                case RecordDeclarationSyntax:
                    Add(node, "record (generic IEquatable)");
                    break;
                case InterpolationFormatClauseSyntax:
                    Add(node.Parent!, "format specifier in string interpolation");
                    break;
                case InterpolationAlignmentClauseSyntax:
                    Add(node.Parent!, "alignment in string interpolation");
                    break;
                case ArrayRankSpecifierSyntax rank when rank.Rank > 1:
                    Add(rank.Parent ?? rank, "multidimensional array (use jagged arrays)");
                    break;
                case NullableTypeSyntax nt when IsValueType(model, nt):
                    Add(nt, "nullable value type (generic Nullable)");
                    break;
            }
            if (node is InvocationExpressionSyntax invocation)
            {
                CheckInvocation(model, invocation, Add);
            }
        }
    }

    private static void CheckInvocation(SemanticModel model, InvocationExpressionSyntax inv, Action<SyntaxNode, string> add)
    {
        var symbol = model.GetSymbolInfo(inv).Symbol as IMethodSymbol
            ?? model.GetSymbolInfo(inv).CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
        string text = inv.Expression.ToString();
        if (symbol == null)
        {
            // Unresolved: fall back to syntax for Console calls.
            if ((text.EndsWith("Console.WriteLine", StringComparison.Ordinal) || text.EndsWith("Console.Write", StringComparison.Ordinal))
                && (inv.ArgumentList.Arguments.Count > 1 || inv.ArgumentList.Arguments.Any(a => a.Expression is LiteralExpressionSyntax l && !l.IsKind(SyntaxKind.StringLiteralExpression))))
            {
                add(inv, "Console overload not available (only Write(string), WriteLine(), WriteLine(string))");
            }
            return;
        }
        var type = symbol.ContainingType?.ToDisplayString();
        if (type == "System.Console" && (symbol.Name == "WriteLine" || symbol.Name == "Write"))
        {
            bool ok = symbol.Parameters.Length == 0 ? symbol.Name == "WriteLine"
                : symbol.Parameters.Length == 1 && symbol.Parameters[0].Type.SpecialType == SpecialType.System_String;
            if (!ok)
            {
                add(inv, "Console overload not available (only Write(string), WriteLine(), WriteLine(string))");
            }
        }
        if (symbol.IsGenericMethod && inv.Expression is not GenericNameSyntax && !(inv.Expression is MemberAccessExpressionSyntax { Name: GenericNameSyntax }))
        {
            add(inv, "generic type or method");
        }
        if (symbol.ContainingType?.SpecialType == SpecialType.System_String && symbol.Name == "Format" && inv.ArgumentList.Arguments.Count > 0
            && inv.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax fmt
            && System.Text.RegularExpressions.Regex.IsMatch(fmt.Token.ValueText, @"\{\d+[,:][^}]*\}"))
        {
            add(inv, "String.Format with format specifier or alignment");
        }
        if (symbol.Name == "ToString" && symbol.Parameters.Length == 0 && inv.Expression is MemberAccessExpressionSyntax m
            && model.GetTypeInfo(m.Expression).Type?.TypeKind == TypeKind.Enum)
        {
            add(inv, "Enum.ToString() returns the number on nanoFramework");
        }
    }

    private static bool IsLinq(SemanticModel model, InvocationExpressionSyntax inv)
    {
        var symbol = model.GetSymbolInfo(inv).Symbol as IMethodSymbol;
        if (symbol == null)
        {
            return true; // unresolved LINQ-named call: flag it (nothing in the firmware defines these names)
        }
        return symbol.IsExtensionMethod || symbol.ReducedFrom != null || symbol.ContainingNamespace?.ToDisplayString() == "System.Linq";
    }

    private static bool IsTypeOrStatic(SemanticModel model, IdentifierNameSyntax id)
    {
        var symbol = model.GetSymbolInfo(id).Symbol;
        return symbol == null ? id.Parent is not MemberAccessExpressionSyntax { Name: var n } || n != id : symbol is ITypeSymbol;
    }

    private static bool IsValueType(SemanticModel model, NullableTypeSyntax nt)
    {
        var type = model.GetTypeInfo(nt).Type;
        if (type == null)
        {
            return true;
        }
        return type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
    }
}
