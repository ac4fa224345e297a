using KwsNano.Conversion;
using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Tests.NativeHost;

/// <summary>The converter's scratch formulas (KernelScratch) against the host library's buffer_size functions, and the plan they give.</summary>
public class KernelScratchTests
{
    public KernelScratchTests()
    {
        Assert.True(NativeLibraryLoader.Default.TryLoad(out string message), message);
    }

    [Fact]
    public void ConvFormulaMatchesTheHostLibrary()
    {
        int checkedShapes = 0;
        // 1x1 (no buffer), the gather limit K = 240 on both sides, odd K (rounded up), the DS-CNN / MicroNet first layers.
        foreach (var (fh, fw) in new[] { (1, 1), (1, 2), (3, 3), (10, 4), (4, 4), (1, 11), (5, 5) })
        {
            foreach (int cin in new[] { 1, 2, 3, 7, 15, 16, 26, 27, 64 })
            {
                Assert.Equal(NativeKernelScratch.ConvOpt(fh, fw, cin), KernelScratch.ConvOpt(fh, fw, cin));
                checkedShapes++;
            }
        }
        Assert.Equal(160, KernelScratch.ConvOpt(10, 4, 1));
        Assert.Equal(0, KernelScratch.ConvOpt(3, 3, 27)); // K = 243
        Assert.Equal(63, checkedShapes);
    }

    [Theory]
    [InlineData(25, 5, 64)]
    [InlineData(25, 5, 140)]
    [InlineData(1, 7, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(49, 10, 112)]
    public void InPlaceFormulasMatchTheHostLibrary(int h, int w, int c)
    {
        Assert.Equal(NativeKernelScratch.Conv1x1InPlace(h, w, c), KernelScratch.Conv1x1InPlace(h, w, c));
        Assert.Equal(NativeKernelScratch.Depthwise3x3InPlace(h, w, c), KernelScratch.Depthwise3x3InPlace(w, c));
        foreach (int fh in new[] { 1, 2, 3, 5, 60 })
        {
            Assert.Equal(NativeKernelScratch.FusedRing(h, w, c, fh), KernelScratch.FusedRing(h, w, c, fh));
        }
    }

    [Fact]
    public void DsCnnSmallRunsItsSeparableBlocksInPlaceWithinNineKilobytes()
    {
        // convert --memory small
        var model = TfliteConverter.ConvertFile(TestData.ModelPath("ds_cnn_s.tflite"), new ConversionOptions { InPlace = true }).Model;
        var inPlace = model.Ops.Where(o => (o.Flags & KwsmOpFlags.InPlace) != 0 && o.OpCode != KwsmOpCode.Reshape).ToList();
        Assert.Equal(8, inPlace.Count); // 4 depthwise + 4 pointwise
        Assert.All(inPlace, o => Assert.Equal(640, o.ScratchSize));
        Assert.Equal(160, model.Ops.Single(o => o.OpCode == KwsmOpCode.Conv2D && o.FilterH == 10).ScratchSize);
        Assert.True(model.ArenaBytes <= 9000, $"arena {model.ArenaBytes}");
        // every scratch block avoids the tensors of its op
        foreach (var o in model.Ops.Where(o => o.ScratchSize > 0))
        {
            foreach (var t in new[] { model.Tensors[o.Input0], model.Tensors[o.Output] })
            {
                Assert.True(o.ScratchOffset >= t.ArenaOffset + t.Size || t.ArenaOffset >= o.ScratchOffset + o.ScratchSize);
            }
            Assert.True(o.ScratchOffset + o.ScratchSize <= model.ArenaBytes);
        }
    }
}
