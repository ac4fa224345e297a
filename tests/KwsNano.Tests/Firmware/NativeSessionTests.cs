using KwsNano.Interop;
using KwsNano.Kwsm;
using KwsNano.Native;
using KwsNano.VirtualBoard;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// The virtual board's KwsEngine runs the device's C session (kws_nf_session.c in libkwsnano): what the managed side
/// receives through the same externs the firmware calls, checked against the C# reader's view of the same blob (an
/// oracle independent of the C code) and the managed constants.
/// </summary>
public class NativeSessionTests
{
    private const uint FlashAddress = 0x380000;

    /// <summary>63 bytes, the format's limit: 31 ASCII, U+00E9 across bytes 31-32 (where the old glue cut at 32), U+1F600 last.</summary>
    private const string LongLabel = "abcdefghijklmnopqrstuvwxyz01234\u00e9ABCDEFGHIJKLMNOPQRSTUVWXYZ\U0001F600";

    [Theory]
    [InlineData("ds_cnn_s")]
    [InlineData("micronet_m")]
    public void InfoSlotsHoldTheModelsFacts(string name)
    {
        var blob = FirmwareModels.Get(name);
        var model = KwsmReader.Read(blob, name);
        var board = new Board();
        using var _ = board.Activate();
        Assert.Equal(0, KwsEngine.LoadModel(blob));
        var info = Enumerable.Repeat(int.MinValue, KwsEngine.InfoLength + 2).ToArray();
        Assert.Equal(0, KwsEngine.GetModelInfo(info));
        Assert.Equal(model.Output.Size, info[KwsEngine.InfoClasses]);
        Assert.Equal(model.Frontend.SampleRate, info[KwsEngine.InfoSampleRate]);
        Assert.Equal(model.Frontend.FrameHop, info[KwsEngine.InfoHop]);
        Assert.Equal(model.Frontend.FrameLength, info[KwsEngine.InfoFrameLength]);
        Assert.NotEqual(info[KwsEngine.InfoHop], info[KwsEngine.InfoFrameLength]); // so a swap of the two is seen
        Assert.Equal(model.Frontend.NumFrames, info[KwsEngine.InfoFrames]);
        Assert.Equal(model.Output.ZeroPoint, info[KwsEngine.InfoOutputZeroPoint]);
        Assert.Equal((int)model.Flags, info[KwsEngine.InfoFlags]);
        Assert.Equal(KwsEngine.MaxHopsPerCall * model.Frontend.FrameHop, info[KwsEngine.InfoMaxFramesPerCall]);
        Assert.True(NativeStream.TryOpen(blob, out var stream) == KwsStatus.Ok);
        using (stream)
        {
            Assert.Equal(stream!.StreamBytes, info[KwsEngine.InfoStreamBytes]);
        }
        Assert.Equal(new[] { int.MinValue, int.MinValue }, info[KwsEngine.InfoLength..]);
        Assert.Equal(model.Output.Scale, KwsEngine.GetOutputScale());
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.GetModelInfo(new int[KwsEngine.InfoLength - 1]));
    }

    private static byte[] WithLabels(byte[] blob, params string[] labels)
    {
        var m = KwsmReader.Read(blob, "ds_cnn_s");
        Assert.Equal(m.Labels.Count, labels.Length);
        return KwsmWriter.Write(new KwsmModel
        {
            Flags = m.Flags, ArenaBytes = m.ArenaBytes, Labels = labels, Frontend = m.Frontend, Tensors = m.Tensors, Ops = m.Ops,
            InputTensor = m.InputTensor, OutputTensor = m.OutputTensor,
        });
    }

    [Fact]
    public void LabelsOfTheFormatsLimitArriveWholeFromRamAndFlash()
    {
        Assert.Equal(63, System.Text.Encoding.UTF8.GetByteCount(LongLabel));
        var original = KwsmReader.Read(FirmwareModels.Get("ds_cnn_s"), "ds_cnn_s").Labels.ToArray();
        var labels = original.ToArray();
        labels[2] = LongLabel;
        labels[3] = "\u00fc" + new string('x', 61); // 2 + 61 = 63 bytes
        var blob = WithLabels(FirmwareModels.Get("ds_cnn_s"), labels);
        var board = new Board();
        using var _ = board.Activate();
        board.Flash.Write(FlashAddress, blob);
        foreach (var load in new Func<int>[] { () => KwsEngine.LoadModel(blob), () => KwsEngine.LoadModelFromFlash(FlashAddress, (uint)blob.Length) })
        {
            Assert.Equal(0, load());
            Assert.Equal(labels, Enumerable.Range(0, labels.Length).Select(KwsEngine.GetLabel).ToArray());
            Assert.Null(KwsEngine.GetLabel(labels.Length));
            Assert.Null(KwsEngine.GetLabel(-1));
        }
    }

    [Fact]
    public void RefusalsAreTheDevicesStatuses()
    {
        var blob = FirmwareModels.Get("ds_cnn_s");
        var board = new Board();
        using var _ = board.Activate();
        // erased flash, then a model larger than the region given for it
        Assert.Equal(-KwsEngine.StatusFlash, KwsEngine.LoadModelFromFlash(FlashAddress, 0x40000));
        board.Flash.Write(FlashAddress, blob);
        Assert.Equal(-KwsEngine.StatusFlash, KwsEngine.LoadModelFromFlash(FlashAddress, (uint)blob.Length - 1));
        Assert.Equal(-KwsEngine.StatusNoModel, KwsEngine.Reset());
        Assert.Equal(-KwsEngine.StatusNoModel, KwsEngine.GetModelInfo(new int[KwsEngine.InfoLength]));
        Assert.Equal(0, KwsEngine.LoadModelFromFlash(FlashAddress, (uint)blob.Length));

        var info = new int[KwsEngine.InfoLength];
        Assert.Equal(0, KwsEngine.GetModelInfo(info));
        int max = info[KwsEngine.InfoMaxFramesPerCall];
        var frames = new byte[(max + 1) * KwsEngine.BytesPerFrame];
        var scores = new sbyte[KwsEngine.MaxHopsPerCall * info[KwsEngine.InfoClasses]];
        var timing = new int[KwsEngine.TimingLength];
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.ProcessI2s(frames, max + 1, 0, scores, timing));
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.ProcessI2s(frames, max, 2, scores, timing));
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.ProcessI2s(frames, max, 0, scores, new int[KwsEngine.TimingLength - 1]));
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.ProcessI2s(null!, 0, 0, scores, timing));
        Assert.Equal(0, KwsEngine.ProcessI2s(frames, max, 0, scores, timing)); // accepted at the limit; the window is not full yet
        Assert.Equal(-KwsEngine.StatusArgument, KwsEngine.SetInferenceInterval(0));
        Assert.Equal(-(int)KwsStatus.Argument, KwsEngine.SetInferenceInterval(info[KwsEngine.InfoFrames] + 1));
        Assert.Equal(0, KwsEngine.SetInferenceInterval(info[KwsEngine.InfoFrames]));
        Assert.Equal(0, KwsEngine.Reset());
        Assert.Equal(-(int)KwsStatus.Crc, KwsEngine.LoadModel(Corrupt(blob)));
        Assert.Equal("payload CRC32 mismatch", KwsEngine.GetStatusText(-(int)KwsStatus.Crc));
    }

    private static byte[] Corrupt(byte[] blob)
    {
        var copy = (byte[])blob.Clone();
        copy[^1] ^= 0x10;
        return copy;
    }

    [Fact]
    public void StatusTextsComeFromTheSession()
    {
        var board = new Board();
        using var _ = board.Activate();
        foreach (int code in new[] { KwsEngine.StatusNoModel, KwsEngine.StatusOutOfMemory, KwsEngine.StatusFlash, KwsEngine.StatusNoCapture, KwsEngine.StatusArgument })
        {
            Assert.Equal(NativeSession.StatusText(code), KwsEngine.GetStatusText(-code));
            Assert.Equal(KwsEngine.GetStatusText(code), KwsEngine.GetStatusText(-code));
            Assert.NotEqual("unknown status", KwsEngine.GetStatusText(code));
        }
        Assert.Equal("no valid model in flash at the configured address", KwsEngine.GetStatusText(-KwsEngine.StatusFlash));
        Assert.Equal("unknown status", KwsEngine.GetStatusText(int.MinValue));
    }
}
