using System.Globalization;
using System.Text.Json;

namespace KwsNano.Tests.Cli;

public class ModelCommandsTests
{
    [Fact]
    public void InspectReportsDsCnnSMacsAndParameters()
    {
        var (code, output, err) = CliRunner.Run("inspect", TestData.ModelPath("ds_cnn_s.tflite"));
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("\nMACs: 2,656,768\n", output);
        Assert.Contains("\nparameters: 22,604\n", output);
        Assert.Contains("arena: 16,000 bytes (largest tensor 8,000 bytes)", output);
        // Per-layer MACs from MODELS.md: conv1 320,000, depthwise 72,000, pointwise 512,000, FC 768.
        var lines = output.Split('\n');
        Assert.Matches(@"^ 1\s+1\s+CONV_2D\s+\[1,49,10,1\] -> \[1,25,5,64\]\s+10x4\s+2x2\s+SAME\s+RELU\s+320,000\s", lines.Single(l => l.StartsWith(" 1 ")));
        Assert.Equal(4, lines.Count(l => l.Contains("DEPTHWISE_CONV_2D") && l.Contains(" 72,000 ")));
        Assert.Equal(4, lines.Count(l => l.Contains("1x1") && l.Contains(" 512,000 ")));
        Assert.Contains(lines, l => l.Contains("FULLY_CONNECTED") && l.Contains(" 768 "));
    }

    [Fact]
    public void InspectJsonCarriesTheSameFigures()
    {
        var (code, output, _) = CliRunner.Run("inspect", TestData.ModelPath("ds_cnn_s.tflite"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var totals = doc.RootElement.GetProperty("totals");
        Assert.Equal(2656768, totals.GetProperty("macs").GetInt64());
        Assert.InRange(totals.GetProperty("parameters").GetInt64(), 22550, 22650);
        var layers = doc.RootElement.GetProperty("layers");
        Assert.Equal(14, layers.GetArrayLength());
        Assert.Equal(totals.GetProperty("macs").GetInt64(), layers.EnumerateArray().Sum(l => l.GetProperty("macs").GetInt64()));
        Assert.Equal("CONV_2D", layers[1].GetProperty("op").GetString());
        Assert.Equal(4 * totals.GetProperty("parameters").GetInt64(), totals.GetProperty("float32Bytes").GetInt64());
    }

    [Fact]
    public void InspectActBytesCountAnInPlaceOpsBufferOnceWithItsScratch()
    {
        // It showed 16,000 (input + output) for in-place ops that live in one 8,000-byte buffer and 640 bytes of scratch.
        string dir = TestData.NewTempDir();
        string small = Path.Combine(dir, "small.kwsm");
        Assert.Equal(0, CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", small, "--memory", "small").Code);
        var (code, output, _) = CliRunner.Run("inspect", small, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var layers = doc.RootElement.GetProperty("layers").EnumerateArray().ToList();
        var inPlace = layers.Where(l => l.GetProperty("op").GetString() is "DEPTHWISE_CONV_2D" or "CONV_2D" && l.GetProperty("inPlace").GetBoolean()).ToList();
        Assert.Equal(8, inPlace.Count);
        foreach (var l in inPlace)
        {
            Assert.Equal(8000 + l.GetProperty("scratchSize").GetInt64(), l.GetProperty("activationBytes").GetInt64());
        }
        Assert.Equal(490, layers[0].GetProperty("activationBytes").GetInt64()); // the reshape's output aliases its input
        // The first conv is not in place: input 490 + output 8,000 + its 160-byte gather scratch.
        Assert.Equal(490 + 8000 + layers[1].GetProperty("scratchSize").GetInt64(), layers[1].GetProperty("activationBytes").GetInt64());
        var table = CliRunner.Run("inspect", small).Out.Split('\n');
        Assert.Matches(@"\s8,640\s+0 -> 0 \(in place\)\s+640 @ 8000", table.Single(l => l.StartsWith(" 3 ")));
    }

    [Fact]
    public void ConvertVerifyAndInspectTheKwsm()
    {
        string dir = TestData.NewTempDir();
        string outFile = Path.Combine(dir, "ds.kwsm");
        var (code, output, err) = CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", outFile, "--c-source", dir);
        Assert.Equal(0, code);
        Assert.Equal("", err); // labels and front-end come from the catalog (sha256 match): no warning
        long size = new FileInfo(outFile).Length;
        Assert.StartsWith($"wrote {outFile}: {size.ToString("N0", CultureInfo.InvariantCulture)} bytes, 14 ops, 15 tensors, arena 16,000 bytes\n", output);
        Assert.Contains("front-end arm-mfcc-49x10, tables in the blob (11,696 bytes, read from flash); labels _silence_,_unknown_,yes,no,up,down,left,right,on,off,stop,go\n", output);
        Assert.True(File.Exists(Path.Combine(dir, "ds_cnn_s_kwsm.c")));

        var verify = CliRunner.Run("verify", outFile);
        Assert.Equal(0, verify.Code);
        Assert.StartsWith("ds.kwsm: OK\nformat: kwsm 1.2, ", verify.Out);
        Assert.Contains("\ngraph: 14 ops, 15 tensors, arena 16,000 bytes\n", verify.Out);
        Assert.Contains("\nfront-end tables: 11,696 bytes in the blob, checked (read in place by the device)\n", verify.Out);
        string ram = Path.Combine(dir, "ram.kwsm");
        Assert.Equal(0, CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", ram, "--frontend-tables", "ram").Code);
        Assert.Contains("\nfront-end tables: none (the device builds them in RAM at start)\n", CliRunner.Run("verify", ram).Out);
        using (var vj = System.Text.Json.JsonDocument.Parse(CliRunner.Run("verify", outFile, "--json").Out))
        {
            Assert.Equal(11696, vj.RootElement.GetProperty("frontendTablesBytes").GetInt32());
        }

        var inspect = CliRunner.Run("inspect", outFile);
        Assert.Equal(0, inspect.Code);
        Assert.Contains("\nMACs: 2,656,768\n", inspect.Out);
        Assert.Contains($"\nflash: {size.ToString("N0", CultureInfo.InvariantCulture)} bytes\n", inspect.Out);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ConvertWithLabelsAndFrontendOptions()
    {
        string dir = TestData.NewTempDir();
        string outFile = Path.Combine(dir, "ms.kwsm");
        string labels = Path.Combine(dir, "labels.txt");
        File.WriteAllText(labels, "sil\nunk\nyes\nno\n");
        var (code, output, _) = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "-o", outFile, "--labels", labels, "--frontend", "none");
        Assert.Equal(0, code);
        Assert.Contains("front-end none; labels sil,unk,yes,no\n", output);
        var bad = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "-o", outFile, "--labels", "a,b");
        Assert.Equal(2, bad.Code);
        Assert.Equal("error: micro_speech.tflite: 2 labels given but the model has 4 output classes\n", bad.Err);
        var wrongEntry = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "-o", outFile, "--catalog-id", "ds_cnn_s");
        Assert.Equal(2, wrongEntry.Code);
        Assert.Equal("error: micro_speech.tflite: front-end preset 'arm-mfcc-49x10' gives 49 x 10 = 490 features but the model input [1,1960] has 1960 elements\n", wrongEntry.Err);
        var wrongLabels = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "-o", outFile, "--catalog-id", "ds_cnn_s", "--frontend", "none");
        Assert.Equal("error: micro_speech.tflite: 12 labels given but the model has 4 output classes\n", wrongLabels.Err);
        var noEntry = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "-o", outFile, "--catalog-id", "nope");
        Assert.Equal("error: --catalog-id nope: no such catalog model (see 'kwsnano models list')\n", noEntry.Err);
        var preset = CliRunner.Run("convert", TestData.ModelPath("micro_speech.tflite"), "--frontend", "mfcc");
        Assert.Equal(2, preset.Code);
        Assert.StartsWith("error: Argument 'mfcc' not recognized. Must be one of:", preset.Err); // a choice list: help and completion name the presets
        Assert.Contains("'arm-mfcc-49x10'", preset.Err);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData("unsupported/basic_lstm_s.tflite", "error: basic_lstm_s.tflite: operator 2 (SHAPE) is not supported\n")]
    [InlineData("unsupported/keyword_scrambled_8bit.tflite", "error: keyword_scrambled_8bit.tflite: operator 1 (SVDF) is not supported\n")]
    public void ConvertRefusesUnsupportedModels(string relative, string message)
    {
        var (code, output, err) = CliRunner.Run("convert", TestData.ModelPath(relative), "-o", Path.Combine(TestData.NewTempDir(), "x.kwsm"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal(message, err);
    }

    [Fact]
    public void VerifyReportsThePreciseError()
    {
        string dir = TestData.NewTempDir();
        string good = Path.Combine(dir, "good.kwsm");
        Assert.Equal(0, CliRunner.Run("convert", TestData.ModelPath("ml-examples/cnn_s.tflite"), "-o", good).Code);
        byte[] b = File.ReadAllBytes(good);
        b[^5] ^= 0x10;
        string bad = Path.Combine(dir, "bad.kwsm");
        File.WriteAllBytes(bad, b);
        var (code, output, err) = CliRunner.Run("verify", bad);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Matches(@"^error: bad\.kwsm: CRC32 mismatch: header \(offset 12\) says [0-9A-F]{8}, bytes \[16, \d+\) give [0-9A-F]{8} \[Crc\]\n$", err);
        var missing = CliRunner.Run("verify", Path.Combine(dir, "nope.kwsm"));
        Assert.Equal(2, missing.Code);
        Assert.Equal($"error: {Path.Combine(dir, "nope.kwsm")}: no such file\n", missing.Err);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void CorruptWritesCasesForTheNativeLoaderTests()
    {
        string dir = TestData.NewTempDir();
        string good = Path.Combine(dir, "m.kwsm");
        Assert.Equal(0, CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", good).Code);
        string outDir = Path.Combine(dir, "cases");
        var (code, output, _) = CliRunner.Run("corrupt", good, outDir);
        Assert.Equal(0, code);
        var lines = File.ReadAllLines(Path.Combine(outDir, "cases.txt"));
        Assert.Equal($"wrote {lines.Length} cases to {outDir}\n", output);
        Assert.Contains("truncated_header.kwsm Truncated", lines);
        Assert.Contains("crc_last_byte.kwsm Crc", lines);
        Assert.Contains("op_weights_outside.kwsm Bounds", lines);
        foreach (var line in lines)
        {
            var parts = line.Split(' ');
            Assert.Equal(2, parts.Length);
            var verify = CliRunner.Run("verify", Path.Combine(outDir, parts[0]));
            Assert.Equal(2, verify.Code);
            Assert.EndsWith($" [{parts[1]}]\n", verify.Err);
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ModelsListAndFetch()
    {
        var list = CliRunner.Run("models", "list");
        Assert.Equal(0, list.Code);
        var rows = list.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("id ", rows[0]);
        Assert.Equal(11, rows.Length);
        Assert.Contains(rows, r => r.StartsWith("ds_cnn_s ") && r.Contains("93.11%") && r.Contains("0f235d360230"));
        var json = CliRunner.Run("models", "list", "--json");
        using (var doc = JsonDocument.Parse(json.Out))
        {
            Assert.Equal(10, doc.RootElement.GetArrayLength());
            Assert.Equal("micronet_m", doc.RootElement[1].GetProperty("id").GetString());
        }

        string cache = TestData.NewTempDir();
        var fetch = CliRunner.Run("models", "fetch", "all", "--mirror", TestData.ModelsDir, "--cache", cache);
        // the shared mirror holds every catalog model but MLPerf Tiny's, the last entry: named, exit code 2
        Assert.Equal(2, fetch.Code);
        Assert.Equal(9, fetch.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("[9/10] micro_speech", fetch.Err);
        Assert.Contains("[10/10] mlperf_kws", fetch.Err);
        Assert.Contains("has no kws_ref_model.tflite", fetch.Err);
        Assert.True(File.Exists(Path.Combine(cache, "ml-examples", "cnn_m.tflite")));

        var unknown = CliRunner.Run("models", "fetch", "nope", "--cache", cache);
        Assert.Equal(2, unknown.Code);
        Assert.Equal("error: nope: not a catalog model id (see 'kwsnano models list')\n", unknown.Err);

        // A catalog id works wherever a model path does.
        var inspect = CliRunner.Run("inspect", "mlex_dnn_m", "--mirror", TestData.ModelsDir, "--cache", cache);
        Assert.Equal(0, inspect.Code);
        Assert.Contains("model: dnn_m.tflite\n", inspect.Out);
        Directory.Delete(cache, true);
    }

    [Fact]
    public void ConvertWithTheSmallMemoryPlanRunsTheSeparableBlocksInPlace()
    {
        var dir = Directory.CreateTempSubdirectory("kwsnano-mem").FullName;
        try
        {
            string small = Path.Combine(dir, "small.kwsm"), speed = Path.Combine(dir, "speed.kwsm");
            var r = CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", small, "--memory", "small");
            Assert.True(r.Code == 0, r.Err);
            Assert.Contains("arena 8,656 bytes", r.Out);
            r = CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", speed);
            Assert.Contains("arena 16,000 bytes", r.Out);
            Assert.Equal(2, CliRunner.Run("convert", TestData.ModelPath("ds_cnn_s.tflite"), "-o", speed, "--memory", "tiny").Code);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
