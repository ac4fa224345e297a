using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Tests.NativeHost;

/// <summary>
/// <see cref="NativeStream"/>, the model + stream session the virtual board and <c>kwsnano tune</c> share:
/// refusals come back as statuses, the decoded model facts match the C# reader, and the stream runs the
/// network on the hop that fills the window, then every hop or every N-th hop.
/// </summary>
public class NativeStreamTests
{
    [Fact]
    public void OpensAModelAndReportsItsFacts()
    {
        var (model, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        Assert.Equal(KwsStatus.Ok, NativeStream.TryOpen(blob, out var s));
        using (s)
        {
            Assert.Equal(model.Output.Size, s!.Classes);
            Assert.Equal(model.Output.Scale, s.OutputScale);
            Assert.Equal(model.Output.ZeroPoint, s.OutputZeroPoint);
            Assert.Equal(model.Labels, s.Labels);
            Assert.Equal(model.Frontend.FrameHop, s.Frontend.FrameHop);
            Assert.Equal(model.Frontend.NumFrames, s.Frontend.NumFrames);
            Assert.Equal((uint)model.Flags, s.Flags);
            Assert.True(s.StreamBytes > model.ArenaBytes, $"stream buffer {s.StreamBytes} B holds the {model.ArenaBytes} B arena");
        }
    }

    [Fact]
    public void RefusesACorruptBlobWithTheLoadersStatus()
    {
        var (_, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        var bad = (byte[])blob.Clone();
        bad[^1] ^= 0x40; // payload byte: the CRC no longer matches
        Assert.Equal(KwsStatus.Crc, NativeStream.TryOpen(bad, out var s));
        Assert.Null(s);
        Assert.Equal(KwsStatus.Truncated, NativeStream.TryOpen(blob.AsSpan(0, 40), out _));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(3u)]
    public void RunsTheNetworkOnceTheWindowIsFullThenEveryIntervalHops(uint interval)
    {
        var (model, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        Assert.Equal(KwsStatus.Ok, NativeStream.TryOpen(blob, out var s));
        using (s)
        {
            Assert.Equal(KwsStatus.Ok, s!.SetInterval(interval));
            int hop = model.Frontend.FrameHop, frames = model.Frontend.NumFrames;
            int window = (frames - 1) * hop + model.Frontend.FrameLength;
            var i2s = new byte[hop * 8];
            var outputs = new sbyte[s.Classes];
            int total = 0;
            int hops = window / hop + 12; // the hop that fills the window, then 12 more
            for (int i = 0; i < hops; i++)
            {
                Assert.Equal(KwsStatus.Ok, s.PushI2s32(i2s, hop, 0, outputs, 1, out int produced));
                total += produced;
            }
            Assert.Equal(1 + 12 / (int)interval, total);
            Assert.Equal(KwsStatus.Ok, s.Reset());
            Assert.Equal(KwsStatus.Argument, s.SetInterval(0));
        }
    }
}
