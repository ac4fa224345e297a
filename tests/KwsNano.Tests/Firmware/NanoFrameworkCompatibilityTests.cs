namespace KwsNano.Tests.Firmware;

/// <summary>
/// The firmware, its interop assembly and the device tests must build for nanoFramework 1.x, which CI cannot
/// run: check their sources for constructs nanoFramework rejects, and check the checker itself.
/// </summary>
public class NanoFrameworkCompatibilityTests
{
    private static readonly string[] DeviceFolders = ["KwsNano.Firmware", "KwsNano.App.Esp32", "KwsNano.App.Stm32", "KwsNano.Interop", "KwsNano.Firmware.Tests"];

    private static IEnumerable<(string Path, string Text)> DeviceSources() =>
        DeviceFolders.SelectMany(folder =>
            Directory.EnumerateFiles(FirmwarePaths.Repo("firmware", folder), "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Select(p => (Path.GetRelativePath(FirmwarePaths.RepoRoot, p), File.ReadAllText(p))));

    [Fact]
    public void FirmwareSourcesUseOnlyWhatNanoFrameworkSupports()
    {
        var sources = DeviceSources().ToList();
        Assert.True(sources.Count >= 30, $"only {sources.Count} device source files found");
        var findings = NanoFrameworkChecker.Check(sources);
        Assert.True(findings.Count == 0, "nanoFramework 1.x would reject:\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("using System.Collections.Generic; class A { List<int> x; }", "generic type or method")]
    [InlineData("class A<T> { }", "generic declaration")]
    [InlineData("class A { void M() { var a = new int[3]; var b = System.Linq.Enumerable.ToArray(a); } }", "generic type or method")]
    [InlineData("using System.Linq; class A { int[] M(int[] a) { return a.Select(x => x).ToArray(); } }", "LINQ method")]
    [InlineData("class A { System.Collections.IEnumerable M(int[] a) { return from x in a select x; } }", "LINQ query")]
    [InlineData("class A { async void M() { await System.Threading.Tasks.Task.Delay(1); } }", "async method")]
    [InlineData("class A { void M() { System.Span<byte> s = default; } }", "generic type or method")]
    [InlineData("class A { string M(float x) { return $\"{x:F2}\"; } }", "format specifier in string interpolation")]
    [InlineData("class A { float M(float x) { return System.MathF.Sqrt(x); } }", "type not available on nanoFramework 1.x")]
    [InlineData("class A { int[,] grid = new int[2, 2]; }", "multidimensional array (use jagged arrays)")]
    [InlineData("class A { void M(int n) { System.Console.WriteLine(n); } }", "Console overload not available (only Write(string), WriteLine(), WriteLine(string))")]
    [InlineData("class A { void M(int n) { System.Console.WriteLine(\"{0}\", n); } }", "Console overload not available (only Write(string), WriteLine(), WriteLine(string))")]
    [InlineData("class A { int? n; }", "nullable value type (generic Nullable)")]
    [InlineData("class A { void M() { var t = (1, 2); } }", "tuple (generic ValueTuple)")]
    [InlineData("record R(int X);", "record (generic IEquatable)")]
    [InlineData("class A { string M(int n) { return string.Format(\"{0:X4}\", n); } }", "String.Format with format specifier or alignment")]
    [InlineData("enum E { X } class A { string M(E e) { return e.ToString(); } }", "Enum.ToString() returns the number on nanoFramework")]
    public void CheckerFlagsEachViolation(string source, string rule)
    {
        var findings = NanoFrameworkChecker.Check([("sample.cs", source)]);
        Assert.Contains(findings, f => f.Rule == rule);
    }

    [Fact]
    public void CheckerAcceptsNanoFrameworkStyleCode()
    {
        const string source = """
            using System;
            using System.Collections;
            namespace N
            {
                public class A
                {
                    private readonly ArrayList _items = new ArrayList();
                    private int[][] _jagged = new int[2][];
                    public string M(int n, float f)
                    {
                        Console.WriteLine("n=" + n.ToString());
                        Console.WriteLine();
                        string s = $"n={n}";
                        _items.Add(s);
                        SpanByte span = new SpanByte(new byte[4]);
                        return s + Math.Exp(f).ToString() + span.Length.ToString();
                    }
                }
            }
            """;
        var findings = NanoFrameworkChecker.Check([("ok.cs", source)]);
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void EveryFirmwareSourceIsListedInItsNfproj()
    {
        foreach (var folder in DeviceFolders)
        {
            var dir = FirmwarePaths.Repo("firmware", folder);
            var nfproj = File.ReadAllText(Directory.GetFiles(dir, "*.nfproj").Single());
            foreach (var file in Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories).Where(p => !p.Contains("/obj/") && !p.Contains("/bin/")))
            {
                var relative = Path.GetRelativePath(dir, file).Replace('/', '\\');
                Assert.True(nfproj.Contains($"<Compile Include=\"{relative}\" />"), $"{folder}: {relative} is not in the .nfproj (nanoFramework projects list files explicitly)");
            }
        }
    }

    [Fact]
    public void InteropProjectGeneratesStubs()
    {
        var interop = File.ReadAllText(FirmwarePaths.Repo("firmware", "KwsNano.Interop", "KwsNano.Interop.nfproj"));
        Assert.Contains("<NFMDP_GENERATE_STUBS>True</NFMDP_GENERATE_STUBS>", interop);
    }
}
