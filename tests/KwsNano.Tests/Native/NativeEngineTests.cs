using KwsNano.Inference;
using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Tests.NativeHost;

/// <summary>The P/Invoke wrapper: model description, error mapping, lifetime, and the engine factory.</summary>
public class NativeEngineTests
{
    [Fact]
    public void NativeLibraryIsCopiedNextToTheTestsAndLoads()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, NativeLibraryLoader.FileName)),
            "dotnet build must copy the native library next to the test assembly");
        Assert.True(NativeLibraryLoader.Default.TryLoad(out string message), message);
        Assert.StartsWith("native engine loaded from ", message);
    }

    [Fact]
    public void DescribesTheModelLikeTheReader()
    {
        var (model, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        using var native = NativeEngine.Open(blob, "ds_cnn_s");
        Assert.Equal("native", native.Name);
        Assert.Equal(model.Labels, native.Labels);
        Assert.Equal(model.ArenaBytes, native.ArenaBytes);
        Assert.Equal(model.Flags, native.Flags);
        Assert.Equal(model.Input.Dims, native.Input.Dims);
        Assert.Equal(model.Input.Scale, native.Input.Scale);
        Assert.Equal(model.Input.ZeroPoint, native.Input.ZeroPoint);
        Assert.Equal(model.Output.Dims, native.Output.Dims);
        Assert.Equal(model.Output.ZeroPoint, native.Output.ZeroPoint);
        Assert.Equal(12, native.Labels.Count);
    }

    [Fact]
    public void CorruptBlobThrowsWithStatusNameAndText()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        blob[blob.Length - 1] ^= 0x5A; // payload change without CRC fix
        var e = Assert.Throws<KwsNativeException>(() => NativeEngine.Open(blob, "bad.kwsm"));
        Assert.Equal(KwsStatus.Crc, e.Status);
        Assert.Equal("bad.kwsm: kws_model_open: KWS_ERR_CRC (payload CRC32 mismatch)", e.Message);

        Assert.Equal(KwsStatus.Crc, NativeEngine.Validate(blob));
        var e2 = Assert.Throws<KwsNativeException>(() => NativeEngine.Open(blob.AsSpan(0, 40).ToArray(), "short.kwsm"));
        Assert.Equal(KwsStatus.Truncated, e2.Status);
        Assert.Contains("KWS_ERR_TRUNCATED", e2.Message);
    }

    [Fact]
    public void ArenaIsSizedOnlyFromAValidatedHeader()
    {
        // A valid model whose header declares a 512 MiB arena (all tensors still inside it): the loader
        // accepts it, the host wrapper refuses to allocate that much, with a clear status.
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        BitConverter.TryWriteBytes(blob.AsSpan(20), 512u << 20);
        Kwsm.KwsmWriter.FixCrc(blob);
        Assert.Equal(KwsStatus.Ok, NativeEngine.Validate(blob));
        var e = Assert.Throws<KwsNativeException>(() => NativeEngine.Open(blob, "big.kwsm"));
        Assert.Equal(KwsStatus.Arena, e.Status);
        Assert.Equal("big.kwsm: arena: KWS_ERR_ARENA (model declares 536870912 arena bytes; this host wrapper allocates at most 268435456)", e.Message);
    }

    [Fact]
    public void WrongInputLengthAndDisposedEngineAreRefused()
    {
        var (model, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        var native = NativeEngine.Open(blob, "ds_cnn_s");
        var e = Assert.Throws<ArgumentException>(() => native.Invoke(new sbyte[model.Input.Size - 1]));
        Assert.Contains("489 elements", e.Message);
        native.Dispose();
        Assert.Throws<ObjectDisposedException>(() => native.Invoke(new sbyte[model.Input.Size]));
        native.Dispose(); // idempotent
    }

    [Fact]
    public void StatusNamesFollowTheCHeader()
    {
        Assert.Equal("KWS_OK", KwsStatusNames.CName(KwsStatus.Ok));
        Assert.Equal("KWS_ERR_FRONTEND", KwsStatusNames.CName(KwsStatus.Frontend));
        Assert.Equal("KWS_ERR_OPCODE", KwsStatusNames.CName(KwsStatus.OpCode));
        Assert.Equal("KWS_ERR_UNSUPPORTED", KwsStatusNames.CName(KwsStatus.Unsupported));
        // The C# reader's error classes carry the same numbers as the C statuses.
        foreach (KwsmError err in Enum.GetValues<KwsmError>())
        {
            Assert.Equal(err.ToString(), ((KwsStatus)(int)err).ToString());
        }
    }

    [Fact]
    public void FactoryPrefersNative()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        var selection = new InferenceEngineFactory().Create(blob, "ds_cnn_s");
        using var engine = selection.Engine;
        Assert.IsType<NativeEngine>(engine);
        Assert.Null(selection.Message);
    }

    [Fact]
    public void FactoryFallsBackToTheInterpreterWithAMessage()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        var missing = Path.Combine(TestData.NewTempDir(), NativeLibraryLoader.FileName);
        var factory = new InferenceEngineFactory(new NativeLibraryLoader(new[] { missing }, searchSystem: false));
        var selection = factory.Create(blob, "ds_cnn_s");
        using var engine = selection.Engine;
        Assert.IsType<InterpreterEngine>(engine);
        Assert.Equal("interpreter", engine.Name);
        Assert.Equal($"native engine {NativeLibraryLoader.FileName} not available: tried {missing} (not found); using the C# interpreter instead", selection.Message);
        Assert.Throws<DllNotFoundException>(() => factory.Create(blob, "ds_cnn_s", EnginePreference.Native));
    }

    [Fact]
    public void BothEnginesBehindTheInterfaceAgree()
    {
        var (model, blob) = NativeTestModels.Get("micronet_m.tflite");
        var factory = new InferenceEngineFactory();
        using var native = factory.Create(blob, "m", EnginePreference.Native).Engine;
        using var interp = factory.Create(blob, "m", EnginePreference.Interpreter).Engine;
        Assert.Equal(interp.Labels, native.Labels);
        Assert.Equal(interp.Input, native.Input with { Dims = native.Input.Dims }, new InfoComparer());
        Assert.Equal(interp.Output, native.Output, new InfoComparer());
        var input = new sbyte[model.Input.Size];
        new Random(5).NextBytes((byte[])(Array)input);
        Assert.Equal(interp.Invoke(input), native.Invoke(input));
    }

    private sealed class InfoComparer : IEqualityComparer<EngineTensorInfo>
    {
        public bool Equals(EngineTensorInfo? a, EngineTensorInfo? b) =>
            a != null && b != null && a.Dims.SequenceEqual(b.Dims) && a.Scale == b.Scale && a.ZeroPoint == b.ZeroPoint;

        public int GetHashCode(EngineTensorInfo obj) => obj.Elements;
    }
}
