using System.CommandLine;
using System.Globalization;
using KwsNano.Cli.CortexM;
using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.IO;
using KwsNano.Kwsm;
using KwsNano.TFLite;

namespace KwsNano.Cli.Commands;

/// <summary>
/// <c>kwsnano vectors MODEL</c> (hidden, used by the Cortex-M build): writes test vectors as C source:
/// published golden pairs, then seeded random int8 inputs with the outputs of the C# reference interpreter.
/// MODEL is a .kwsm (what <c>kwsnano convert</c> wrote), or a .tflite converted in memory with default options.
/// </summary>
public static class VectorsCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var model = new Argument<string>("model") { Description = "Packed model (.kwsm) or int8 .tflite (converted in memory)" };
        var count = new Option<int>("--count") { Description = "Random inputs", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random inputs (SplitMix64)", DefaultValueFactory = _ => 1UL };
        var goldenIn = new Option<string?>("--golden-input") { Description = "Golden input (.npy, int8), placed first" };
        var goldenOut = new Option<string?>("--golden-output") { Description = "Its expected output (.npy, int8)" };
        var name = new Option<string?>("--name") { Description = "C identifier prefix (default: the model file name)" };
        var trace = new Option<int>("--trace") { Description = "Also record a hash of every op's output for this many vectors (from the first)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "C file to write", Required = true };
        var command = new Command("vectors", "Write test vectors (golden + random inputs with reference-interpreter outputs) as C source for the Cortex-M tests.")
        {
            model, count, seed, goldenIn, goldenOut, name, output, trace,
        };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            if (!File.Exists(path))
            {
                throw new CliException($"model not found: {path}");
            }
            FileChecks.RequireOutputFile(parse.GetValue(output)!, "--output");
            int n = parse.GetValue(count);
            if (n < 0)
            {
                throw new CliException($"--count must be >= 0 (got {n})");
            }
            byte[] blob;
            KwsmModel packed;
            try
            {
                if (path.EndsWith(".tflite", StringComparison.OrdinalIgnoreCase))
                {
                    blob = KwsmWriter.Write(TfliteConverter.ConvertFile(path).Model);
                }
                else
                {
                    blob = File.ReadAllBytes(path);
                }
                packed = KwsmReader.Read(blob, Path.GetFileName(path));
            }
            catch (Exception e) when (e is KwsmFormatException or ConversionException or UnsupportedModelException or TfliteFormatException)
            {
                throw new CliException($"{path}: {e.Message}");
            }
            KwsmInterpreter interpreter;
            try
            {
                interpreter = new KwsmInterpreter(packed);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"{path}: {e.Message}");
            }
            var golden = new List<(sbyte[], sbyte[])>();
            string? gi = parse.GetValue(goldenIn), go = parse.GetValue(goldenOut);
            if ((gi == null) != (go == null))
            {
                throw new CliException("--golden-input and --golden-output go together");
            }
            if (gi != null && go != null)
            {
                var input = ReadInt8(gi);
                var expected = ReadInt8(go);
                if (input.Length != interpreter.InputSize || expected.Length != interpreter.OutputSize)
                {
                    throw new CliException($"golden vectors {gi} / {go} hold {input.Length} -> {expected.Length} elements, {path} takes {interpreter.InputSize} -> {interpreter.OutputSize}");
                }
                var actual = interpreter.Invoke(input);
                if (!actual.AsSpan().SequenceEqual(expected))
                {
                    console.Error.WriteLine($"warning: the reference interpreter does not reproduce the golden output of {Path.GetFileName(gi)} (the firmware is checked against the golden output)");
                }
                golden.Add((input, expected));
            }
            ulong s = parse.GetValue(seed);
            var set = TestVectorGenerator.Generate(interpreter.Invoke, interpreter.InputSize, interpreter.OutputSize, golden, n, s);
            int traced = Math.Clamp(parse.GetValue(trace), 0, set.Count);
            set = set with
            {
                OpHashes = set.Inputs.Take(traced)
                    .Select(input => interpreter.InvokeTrace(input).Select(t => TestVectorSet.Fnv1a(t)).ToArray())
                    .ToArray(),
            };
            string ident = parse.GetValue(name) ?? new string(Path.GetFileNameWithoutExtension(path).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            string description = string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path)}, {set.GoldenCount} golden + {n} random vectors (seed {s}), outputs from the C# reference interpreter");
            string file = parse.GetValue(output)!;
            File.WriteAllText(file, CVectorWriter.Write(set, ident, description));
            console.Out.WriteLine($"wrote {file}: {set.Count} vectors ({set.GoldenCount} golden, {n} random), {set.InputElements} -> {set.OutputElements} elements" +
                (traced > 0 ? $", per-op hashes for {traced}" : ""));
            return 0;
        });
        return command;
    }

    private static sbyte[] ReadInt8(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"golden vector file not found: {path}");
        }
        try
        {
            return NpyReader.Read(path).Get<sbyte>();
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }
}
