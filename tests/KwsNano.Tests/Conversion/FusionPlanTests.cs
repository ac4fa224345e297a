using System.Buffers.Binary;
using KwsNano.Conversion;
using KwsNano.Interpreter;
using KwsNano.Kwsm;
using KwsNano.Native;
using Xunit.Abstractions;

namespace KwsNano.Tests.Converter;

/// <summary>
/// The fused first layers of the small memory plan (format 1.2: FUSED_NEXT conv, VIRTUAL output): MicroNet-M's arena
/// target, outputs byte for byte those of the speed plan on the native engine and of the reference interpreter, both
/// readers accepting the blob and refusing broken fusion records with the same status.
/// </summary>
public class FusionPlanTests(ITestOutputHelper output)
{
    private static (KwsmModel Model, byte[] Blob) Convert(string relative, bool small)
    {
        var loaded = ModelLoader.Load(TestData.ModelPath(relative), new ConversionOptions { InPlace = small });
        return (loaded.Model, loaded.Blob);
    }

    [Fact]
    public void MicronetMFusedRunsBitExactInAtMost45000Bytes()
    {
        var (small, smallBlob) = Convert("micronet_m.tflite", small: true);
        var (speed, speedBlob) = Convert("micronet_m.tflite", small: false);
        Assert.True(small.ArenaBytes <= 45_000, $"arena {small.ArenaBytes}");
        Assert.Equal(KwsStatus.Ok, NativeEngine.Validate(smallBlob));
        var read = KwsmReader.Read(smallBlob, "small");
        Assert.True(read.Ops[0].Flags.HasFlag(KwsmOpFlags.FusedNext) && read.Tensors[read.Ops[0].Output].Virtual);
        using var a = NativeEngine.Open(smallBlob, "small");
        using var b = NativeEngine.Open(speedBlob, "speed");
        var interp = new KwsmInterpreter(read);
        var rng = new Random(13);
        for (int trial = 0; trial < 12; trial++)
        {
            var input = new sbyte[small.Input.Size];
            for (int i = 0; i < input.Length; i++) input[i] = (sbyte)rng.Next(-128, 128);
            var fused = a.Invoke(input);
            Assert.Equal(b.Invoke(input), fused);
            Assert.Equal(interp.Invoke(input), fused);
        }
        output.WriteLine($"micronet_m arena: speed plan {speed.ArenaBytes:N0} B, small plan with the fused first layers {small.ArenaBytes:N0} B");
    }

    [Fact]
    public void BrokenFusionRecordsGetTheSameStatusFromBothReaders()
    {
        var (_, blob) = Convert("micronet_m.tflite", small: true);
        uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(at));
        int ops = (int)U32(KwsmLayout.OpsOffset), tensors = (int)U32(KwsmLayout.TensorsOffset);
        int conv = ops, dw = ops + KwsmLayout.OpRecordSize;
        int mid = BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(conv + KwsmLayout.OOutput));
        int midRec = tensors + mid * KwsmLayout.TensorRecordSize;
        var cases = new (string What, Action<byte[]> Edit, KwsmError Expected)[]
        {
            ("FUSED_NEXT cleared: the virtual output has no writer allowed", b => W16(b, conv + KwsmLayout.OFlags, R16(b, conv + KwsmLayout.OFlags) & ~8), KwsmError.Shape),
            ("VIRTUAL cleared: the output has no arena room", b => W16(b, midRec + KwsmLayout.TFlags, 0), KwsmError.Tensor),
            ("VIRTUAL tensor with an arena offset", b => W32(b, midRec + KwsmLayout.TArenaOffset, 16), KwsmError.Tensor),
            ("the next op is not a depthwise", b => b[dw + KwsmLayout.OOpcode] = (byte)KwsmOpCode.Conv2D, KwsmError.Shape),
            ("FUSED_NEXT with IN_PLACE", b => W16(b, conv + KwsmLayout.OFlags, R16(b, conv + KwsmLayout.OFlags) | 1), KwsmError.Shape),
            ("ring scratch one byte short", b => W32(b, conv + KwsmLayout.OScratchSize, 4199), KwsmError.Bounds),
            ("FUSED_NEXT on the depthwise", b => W16(b, dw + KwsmLayout.OFlags, R16(b, dw + KwsmLayout.OFlags) | 8), KwsmError.Param),
            ("scratch over the depthwise output", b => W32(b, conv + KwsmLayout.OScratchOffset, (int)R32(b, tensors + R16(b, dw + KwsmLayout.OOutput) * KwsmLayout.TensorRecordSize + KwsmLayout.TArenaOffset)), KwsmError.Bounds),
        };
        foreach (var (what, edit, expected) in cases)
        {
            var copy = (byte[])blob.Clone();
            edit(copy);
            KwsmWriter.FixCrc(copy);
            var e = Assert.Throws<KwsmFormatException>(() => KwsmReader.Read(copy, what));
            Assert.True(expected == e.Error, $"{what}: C# {e.Error} ({e.Message}), expected {expected}");
            Assert.Equal((KwsStatus)(int)expected, NativeEngine.Validate(copy));
        }
    }

    private static int R16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));
    private static uint R32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    private static void W16(byte[] b, int at, int v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)v);
    private static void W32(byte[] b, int at, int v) => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at), v);
}
