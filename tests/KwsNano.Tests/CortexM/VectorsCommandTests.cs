using System.CommandLine;
using System.Text.RegularExpressions;
using KwsNano.Cli;
using KwsNano.Cli.Commands;
using KwsNano.Cli.CortexM;
using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.Kwsm;

namespace KwsNano.Tests.CortexM;

public class VectorsCommandTests
{
    private static int Run(StringCliConsole console, params string[] args)
    {
        var root = new RootCommand { VectorsCommand.Create(console) };
        return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static sbyte[] ArrayValues(string c, string name)
    {
        var m = Regex.Match(c, name + @"\[\d+\] = \{([^}]*)\}");
        Assert.True(m.Success, $"{name} not found");
        return m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(sbyte.Parse).ToArray();
    }

    [Fact]
    public void WritesGoldenThenInterpreterOutputsAndTheBlob()
    {
        string dir = TestData.NewTempDir();
        string file = Path.Combine(dir, "ds_vectors.c");
        var console = new StringCliConsole();
        int code = Run(console, "vectors", TestData.ModelPath("ds_cnn_s.tflite"), "--count", "2", "--seed", "9",
            "--golden-input", TestData.ModelPath("ds_cnn_s.golden-input.npy"),
            "--golden-output", TestData.ModelPath("ds_cnn_s.golden-output.npy"),
            "--name", "ds", "-o", file, "--trace", "2");
        Assert.Equal(0, code);
        Assert.Equal($"wrote {file}: 3 vectors (1 golden, 2 random), 490 -> 12 elements, per-op hashes for 2\n", console.OutText);
        Assert.Equal("", console.ErrorText); // the interpreter reproduces the golden output

        string c = File.ReadAllText(file);
        var inputs = ArrayValues(c, "ds_vector_inputs");
        var outputs = ArrayValues(c, "ds_vector_outputs");
        Assert.Equal(3 * 490, inputs.Length);
        Assert.Equal(3 * 12, outputs.Length);
        Assert.Equal(NpyInt8.Read(TestData.ModelPath("ds_cnn_s.golden-input.npy")).Data, inputs[..490]);
        Assert.Equal(NpyInt8.Read(TestData.ModelPath("ds_cnn_s.golden-output.npy")).Data, outputs[..12]);
        Assert.Contains("3u, 1u, 490u, 12u,", c);

        // Random vectors: outputs are the interpreter's on the written blob.
        var blob = KwsmWriter.Write(TfliteConverter.ConvertFile(TestData.ModelPath("ds_cnn_s.tflite")).Model);
        var interpreter = new KwsmInterpreter(KwsmReader.Read(blob, "ds_cnn_s"));
        for (int v = 1; v < 3; v++)
        {
            Assert.Equal(interpreter.Invoke(inputs[(v * 490)..((v + 1) * 490)]), outputs[(v * 12)..((v + 1) * 12)]);
        }
        // Per-op hashes of the first two vectors: FNV-1a of each op output of the interpreter's trace.
        var hashes = Regex.Match(c, @"ds_vector_op_hashes\[\d+\] = \{([^}]*)\}").Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(h => Convert.ToUInt32(h.TrimEnd('u'), 16)).ToArray();
        int ops = interpreter.Model.Ops.Count;
        Assert.Equal(2 * ops, hashes.Length);
        for (int v = 0; v < 2; v++)
        {
            var trace = interpreter.InvokeTrace(inputs[(v * 490)..((v + 1) * 490)]);
            Assert.Equal(trace.Select(t => TestVectorSet.Fnv1a(t)), hashes[(v * ops)..((v + 1) * ops)]);
        }
        Assert.Contains($"    2u, {ops}u, ds_vector_op_hashes\n}};", c);
    }

    [Fact]
    public void MissingModelIsAUserError()
    {
        var e = Assert.Throws<CliException>(() => Run(new StringCliConsole(), "vectors", "/nonexistent/m.kwsm", "-o", "/tmp/x.c"));
        Assert.Equal("model not found: /nonexistent/m.kwsm", e.Message);
    }

    [Fact]
    public void GoldenOptionsGoTogether()
    {
        var e = Assert.Throws<CliException>(() => Run(new StringCliConsole(), "vectors", TestData.ModelPath("ds_cnn_s.tflite"),
            "--golden-input", TestData.ModelPath("ds_cnn_s.golden-input.npy"), "-o", Path.Combine(TestData.NewTempDir(), "v.c")));
        Assert.Contains("go together", e.Message);
    }

    [Fact]
    public void GoldenOfAnotherModelIsRejected()
    {
        var e = Assert.Throws<CliException>(() => Run(new StringCliConsole(), "vectors", TestData.ModelPath("ml-examples/dnn_s.tflite"),
            "--golden-input", TestData.ModelPath("ds_cnn_s.golden-input.npy"),
            "--golden-output", TestData.ModelPath("ds_cnn_s.golden-output.npy"), "-o", Path.Combine(TestData.NewTempDir(), "v.c")));
        Assert.Contains("490 -> 12 elements", e.Message);
        Assert.Contains("250 -> 12", e.Message);
    }
}
