using System.Buffers.Binary;
using KwsNano.Kwsm;
using KwsNano.Tests.NativeHost;

namespace KwsNano.Tests.Cli;

/// <summary>
/// Every expected user error ends in exactly one <c>error:</c> line naming the path and exit code 2, checked
/// before long work, and nothing is created outside the path asked for (issue 11).
/// </summary>
public sealed class PathAndUserErrorTests : IDisposable
{
    private readonly string _dir = TestData.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    private static void OneErrorLine((int Code, string Out, string Err) r, string expected)
    {
        Assert.Equal(2, r.Code);
        Assert.Equal("error: " + expected + "\n", r.Err);
    }

    private static string Tflite => TestData.ModelPath("ml-examples/dnn_s.tflite");

    [Fact]
    public void ConvertOutputEmpty() => OneErrorLine(CliRunner.Run("convert", Tflite, "-o", ""), "--output: empty path; give a file name");

    [Fact]
    public void ConvertOutputIsADirectory() =>
        OneErrorLine(CliRunner.Run("convert", Tflite, "-o", _dir), $"{_dir}: is a directory; --output needs a file name");

    [Fact]
    public void ConvertOutputInAMissingDirectoryIsRefusedAndNothingIsCreated()
    {
        string missing = Path.Combine(_dir, "no-such-dir");
        string target = Path.Combine(missing, "x.kwsm");
        OneErrorLine(CliRunner.Run("convert", Tflite, "-o", target), $"{target}: directory {missing} does not exist (create it first)");
        Assert.False(Directory.Exists(missing));
        OneErrorLine(CliRunner.Run("convert", Tflite, "-o", "/nonexistent-kwsnano-dir/x.kwsm"),
            "/nonexistent-kwsnano-dir/x.kwsm: directory /nonexistent-kwsnano-dir does not exist (create it first)");
        Assert.False(Directory.Exists("/nonexistent-kwsnano-dir"));
    }

    [Fact]
    public void ConvertOutputNotWritable()
    {
        var r = CliRunner.Run("convert", Tflite, "-o", "/proc/x.kwsm");
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: /proc/x.kwsm: cannot write in /proc (", r.Err);
        Assert.Single(r.Err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void ConvertOutputUnderAFile()
    {
        string file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "x");
        string target = Path.Combine(file, "x.kwsm");
        OneErrorLine(CliRunner.Run("convert", Tflite, "-o", target), $"{target}: {file} is a file, not a directory");
    }

    [Fact]
    public void CorruptOutdirWithMissingParentIsNotCreated()
    {
        var (_, blob) = NativeTestModels.Get("ml-examples/dnn_s.tflite");
        string model = Path.Combine(_dir, "m.kwsm");
        File.WriteAllBytes(model, blob);
        string outdir = Path.Combine(_dir, "a", "b");
        OneErrorLine(CliRunner.Run("corrupt", model, outdir), $"{outdir}: directory {Path.Combine(_dir, "a")} does not exist (create it first)");
        Assert.False(Directory.Exists(Path.Combine(_dir, "a")));
    }

    [Fact]
    public void VerifyInputDirectoryAndMissing()
    {
        OneErrorLine(CliRunner.Run("verify", _dir), $"{_dir}: is a directory, not a model file");
        string missing = Path.Combine(_dir, "nope", "m.kwsm");
        OneErrorLine(CliRunner.Run("verify", missing), $"{missing}: no such file (directory {Path.Combine(_dir, "nope")} does not exist)");
    }

    [Fact]
    public void OversizedFilesAreRefusedFromTheirHeaderWithoutBeingRead()
    {
        // A 3 GiB sparse file: a foreign header fails at once with the header's error, a .kwsm header that claims
        // the size is refused as too large; neither is read whole.
        string junk = Path.Combine(_dir, "huge.kwsm");
        using (var s = new FileStream(junk, FileMode.CreateNew))
        {
            s.SetLength(3L << 30);
        }
        var r = CliRunner.Run("verify", junk);
        Assert.Equal(2, r.Code);
        Assert.StartsWith("error: huge.kwsm: bad magic 00000000 at offset 0", r.Err);
        var header = new byte[64];
        "KWSM"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), unchecked((uint)(3L << 30)));
        using (var s = new FileStream(junk, FileMode.Open))
        {
            s.Write(header);
        }
        OneErrorLine(CliRunner.Run("verify", junk), $"{junk}: 3,221,225,472 bytes, far larger than any model (at most 67,108,864 bytes); refusing to read it");
        string wav = Path.Combine(_dir, "huge.wav");
        using (var s = new FileStream(wav, FileMode.CreateNew))
        {
            s.SetLength(1L << 30);
        }
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        string model = Path.Combine(_dir, "m.kwsm");
        File.WriteAllBytes(model, blob);
        OneErrorLine(CliRunner.Run("classify", wav, "--model", model), $"{wav}: 1,073,741,824 bytes, far larger than any WAV (at most 268,435,456 bytes); refusing to read it");
    }

    [Theory]
    [InlineData("classify")]
    [InlineData("features")]
    public void WavInputDirectoryAndMissing(string verb)
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        string model = Path.Combine(_dir, "m.kwsm");
        File.WriteAllBytes(model, blob);
        OneErrorLine(CliRunner.Run(verb, _dir, "--model", model), $"{_dir}: is a directory, not a WAV file");
        string missing = Path.Combine(_dir, "none.wav");
        OneErrorLine(CliRunner.Run(verb, missing, "--model", model), $"{missing}: no such file");
    }

    [Fact]
    public void RunWavMissingIsOneLine()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        string model = Path.Combine(_dir, "m.kwsm");
        File.WriteAllBytes(model, blob);
        string missing = Path.Combine(_dir, "none.wav");
        OneErrorLine(CliRunner.Run("run", "--model", model, "--wav", missing), $"{missing}: no such file");
    }

    [Theory]
    [InlineData(KwsmFrontendRules.OffMelBins, 129)]
    [InlineData(KwsmFrontendRules.OffFrameHop, 641)]
    public void ADescriptorTheDeviceRefusesGetsTheSameVerdictFromEveryVerb(int field, int value)
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        int fe = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(KwsmLayout.FrontendOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(fe + field), (ushort)value);
        KwsmWriter.FixCrc(blob);
        string model = Path.Combine(_dir, "bad.kwsm");
        File.WriteAllBytes(model, blob);
        Assert.Equal(KwsNano.Native.KwsStatus.Frontend, KwsNano.Native.NativeEngine.Validate(blob)); // the device loader
        string wav = TestData.AudioPath("recordings/yes.wav");
        foreach (var args in new[]
                 {
                     new[] { "verify", model },
                     new[] { "classify", wav, "--model", model, "--engine", "native" },
                     new[] { "classify", wav, "--model", model, "--engine", "interpreter" },
                     new[] { "run", "--model", model, "--wav", wav },
                 })
        {
            var r = CliRunner.Run(args);
            Assert.True(r.Code == 2, $"{string.Join(' ', args)}: exit {r.Code}, {r.Out}{r.Err}");
            Assert.Matches(@"^error: bad\.kwsm: .*\(front-end field at offset \d+\) \[Frontend\]\n$", r.Err);
        }
    }

    [Fact]
    public void EveryCorruptionCaseGetsTheSameVerdictFromVerifyClassifyRunAndTheDevice()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        string wav = TestData.AudioPath("recordings/yes.wav");
        var cases = KwsmCorruptions.Generate(blob);
        Assert.Contains(cases, c => c.Name == "frontend_mel_bins_129");
        Assert.Contains(cases, c => c.Name == "frontend_hop_over_frame");
        foreach (var c in cases)
        {
            string model = Path.Combine(_dir, c.Name + ".kwsm");
            File.WriteAllBytes(model, c.Blob);
            Assert.Equal((KwsNano.Native.KwsStatus)(int)c.Expected, KwsNano.Native.NativeEngine.Validate(c.Blob));
            var verify = CliRunner.Run("verify", model);
            Assert.Equal(2, verify.Code);
            Assert.EndsWith($" [{c.Expected}]\n", verify.Err);
            Assert.Single(verify.Err.TrimEnd('\n').Split('\n'));
            foreach (var args in new[]
                     {
                         new[] { "classify", wav, "--model", model, "--engine", "native" },
                         new[] { "classify", wav, "--model", model, "--engine", "interpreter" },
                         new[] { "run", "--model", model, "--wav", wav },
                     })
            {
                var r = CliRunner.Run(args);
                Assert.True(r.Code == 2 && r.Err == verify.Err, $"{c.Name}: {string.Join(' ', args)} gave exit {r.Code}: {r.Err}; verify: {verify.Err}");
            }
        }
    }
}
