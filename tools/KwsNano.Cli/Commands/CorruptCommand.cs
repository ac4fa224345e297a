using System.CommandLine;
using KwsNano.IO;
using KwsNano.Kwsm;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano corrupt MODEL.kwsm OUTDIR</c> (hidden): writes every crafted corruption of a valid blob as
/// <c>&lt;case&gt;.kwsm</c> plus <c>cases.txt</c> with lines <c>file expected_error</c>, for the native loader tests.
/// </summary>
public static class CorruptCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A valid .kwsm file." };
        var outDir = new Argument<string>("outdir") { Description = "Directory for the damaged files and cases.txt." };
        var command = new Command("corrupt", "Write damaged copies of a .kwsm with the error each must give (loader tests).") { Hidden = true };
        command.Arguments.Add(model);
        command.Arguments.Add(outDir);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            string dir = parse.GetValue(outDir)!;
            FileChecks.RequireOutputDirectory(dir, "outdir");
            byte[] blob = KwsmReader.ReadFileBytes(path);
            var cases = CliModelSource.Guard(() => KwsmCorruptions.Generate(blob));
            CliModelSource.Guard(() =>
            {
                Directory.CreateDirectory(dir);
                using var list = new StreamWriter(Path.Combine(dir, "cases.txt")) { NewLine = "\n" };
                foreach (var c in cases)
                {
                    File.WriteAllBytes(Path.Combine(dir, c.Name + ".kwsm"), c.Blob);
                    list.WriteLine($"{c.Name}.kwsm {c.Expected}");
                }
                return 0;
            });
            console.Out.WriteLine($"wrote {cases.Count} cases to {dir}");
            return 0;
        });
        return command;
    }
}
