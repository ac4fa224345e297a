using System.Text.RegularExpressions;
using KwsNano.Cli;

namespace KwsNano.Tests.Cli;

/// <summary>
/// The README's and docs' example command lines are what a user pastes at the repository root after ./run.sh: every
/// one must parse with the tool's real command tree, every <c>../shared</c> path it names must exist, and every
/// <c>out/ID.kwsm</c> it reads must be one that run.sh writes. (They once named files run.sh never wrote, e.g.
/// <c>--model micronet_m.tflite</c> and <c>ds_cnn_s.kwsm</c> at the root.) Synopsis lines (with [options] or
/// placeholders such as MODEL, FILE, DIR) and verbs named in prose are not examples and are left out; the examples
/// are the ```sh blocks and the inline commands of numbered steps.
/// </summary>
public class ReadmeExampleTests
{
    private static readonly string[] Documents = ["README.md", "docs/serial-log.md", "docs/frontend.md", "docs/custom-firmware.md"];

    private static readonly Regex Placeholder = new(@"^(MODEL|FILE|DIR|ID|N|C|F|K|PRESET|OUTDIR|CSV|PORT|LOGFILE)(\.[a-z0-9]+)?$", RegexOptions.Compiled);

    /// <summary>Every example line: (document, line number, the arguments after "kwsnano").</summary>
    public static IEnumerable<(string Doc, int Line, string[] Args)> Examples()
    {
        foreach (string doc in Documents)
        {
            string[] lines = File.ReadAllLines(Path.Combine(TestData.RepoRoot, doc));
            bool inShell = false, inStep = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                // Numbered steps ("1. ...", continued by indented lines) hold inline examples; elsewhere a
                // `kwsnano verb` in prose names the verb, it is not a line to paste.
                inStep = Regex.IsMatch(line, @"^\d+\. ") || (inStep && line.StartsWith("   ", StringComparison.Ordinal));
                if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inShell = !inShell && line.TrimStart().StartsWith("```sh", StringComparison.Ordinal);
                    continue;
                }
                var candidates = new List<string>();
                if (inShell)
                {
                    string code = line.Split("  #")[0].Trim();
                    foreach (string part in code.Split(new[] { " | ", "; " }, StringSplitOptions.TrimEntries))
                    {
                        candidates.Add(part);
                    }
                }
                else if (inStep)
                {
                    candidates.AddRange(Regex.Matches(line, "`(kwsnano [^`]+)`").Select(m => m.Groups[1].Value));
                }
                foreach (string c in candidates)
                {
                    if (!c.StartsWith("kwsnano ", StringComparison.Ordinal) || c.EndsWith('\\') || c.Contains('[') || c.Contains("...") || c.Contains('<'))
                    {
                        continue;
                    }
                    string[] args = c.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
                    if (args.Any(a => Placeholder.IsMatch(a) || a.Contains('|')))
                    {
                        continue;
                    }
                    yield return (doc, i + 1, args);
                }
            }
        }
    }

    [Fact]
    public void TheDocsHaveExamplesOfEveryEverydayVerb()
    {
        var verbs = Examples().Select(e => e.Args[0]).ToHashSet();
        foreach (string verb in new[] { "models", "convert", "verify", "inspect", "classify", "eval", "run", "listen", "monitor", "tune", "bench", "flash" })
        {
            Assert.Contains(verb, verbs);
        }
    }

    [Fact]
    public void EveryExampleParsesWithTheRealCommandTree()
    {
        var failures = new List<string>();
        foreach (var (doc, line, args) in Examples())
        {
            var parse = CliApp.CreateRoot(new StringCliConsole()).Parse(args);
            if (parse.Errors.Count > 0)
            {
                failures.Add($"{doc}:{line}: kwsnano {string.Join(' ', args)}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryFileAnExampleReadsIsThereAfterRunSh()
    {
        string runSh = File.ReadAllText(Path.Combine(TestData.RepoRoot, "run.sh"));
        // run.sh: for id in A B; do ... kws convert "$id" -o "$OUT/$id.kwsm"
        var loop = Regex.Match(runSh, @"for id in ([a-z0-9_ ]+); do\s*\n[^\n]*\n\s*kws convert ""\$id"" -o ""\$OUT/\$id\.kwsm""");
        Assert.True(loop.Success, "run.sh no longer converts its models to $OUT/$id.kwsm in the loop this test reads");
        var written = loop.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(id => $"out/{id}.kwsm").ToHashSet();
        // Outputs an example writes before a later one reads them (the quick start's chain).
        var outputs = new HashSet<string>();
        var failures = new List<string>();
        foreach (var (doc, line, args) in Examples())
        {
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                bool isOutput = i > 0 && args[i - 1] is "-o" or "--log" or "--plot" or "--svg" or "--confusion" or "--curve" or "--write-config" or "--image";
                if (isOutput)
                {
                    outputs.Add(a);
                    continue;
                }
                if (a.StartsWith("../shared/", StringComparison.Ordinal))
                {
                    string path = Path.Combine(TestData.SharedDir, a["../shared/".Length..]);
                    if (!File.Exists(path) && !Directory.Exists(path))
                    {
                        failures.Add($"{doc}:{line}: {a} does not exist");
                    }
                }
                else if (a.StartsWith("out/", StringComparison.Ordinal) && a.EndsWith(".kwsm", StringComparison.Ordinal) && !written.Contains(a) && !outputs.Contains(a))
                {
                    failures.Add($"{doc}:{line}: {a} is not written by run.sh ({string.Join(", ", written)}) nor by an example before it");
                }
                else if (!a.StartsWith('-') && (a.EndsWith(".kwsm", StringComparison.Ordinal) || a.EndsWith(".tflite", StringComparison.Ordinal)) && !a.Contains('/'))
                {
                    failures.Add($"{doc}:{line}: {a} is a bare file name: no such file at the repository root (use out/ID.kwsm or a catalog id)");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
