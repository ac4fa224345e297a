using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>
/// Marks CONV_2D -> DEPTHWISE_CONV_2D pairs that run fused (format 1.2, docs/kwsm-format.md "Fused ops") when the
/// depthwise cannot run in place (e.g. stride 2): the conv's
/// output, read by the depthwise right after it and by nothing else, neither the model input nor its output, becomes
/// VIRTUAL (never stored) and the pair runs as one kernel (<c>kws_conv2d_dw_fused_s8</c>) through a ring of the
/// depthwise's filter_h conv rows, which is smaller than the tensor. MicroNet-M: its 68,600-byte first conv output
/// becomes a 4,200-byte ring. Run before <see cref="InPlacePlanner.Plan"/> (which sizes every op's scratch, the ring
/// included) and <see cref="MemoryPlanner.Plan"/>.
/// </summary>
public static class FusionPlanner
{
    /// <summary>Sets FUSED_NEXT and VIRTUAL (only when <paramref name="fuse"/>); returns the number of pairs.</summary>
    public static int Plan(IReadOnlyList<KwsmTensor> tensors, IReadOnlyList<KwsmOp> ops, int inputTensor, int outputTensor, bool fuse)
    {
        if (!fuse)
        {
            return 0;
        }
        int pairs = 0;
        for (int i = 0; i + 1 < ops.Count; i++)
        {
            KwsmOp conv = ops[i], dw = ops[i + 1];
            // A depthwise the in-place kernel can run (3x3 stride 1) already needs no second buffer: fusing it would only
            // trade its in-place run for a ring. The stride-2 depthwise after a first conv is the case this is for.
            if (conv.OpCode != KwsmOpCode.Conv2D || dw.OpCode != KwsmOpCode.DepthwiseConv2D || dw.Input0 != conv.Output ||
                (conv.Flags & (KwsmOpFlags.InPlace | KwsmOpFlags.FusedNext)) != 0 || tensors[conv.Input0].Virtual ||
                InPlacePlanner.Fits(dw, tensors))
            {
                continue;
            }
            int mid = conv.Output;
            var t = tensors[mid];
            if (mid == inputTensor || mid == outputTensor || t.Dims.Length != 4)
            {
                continue;
            }
            bool readElsewhere = false;
            for (int j = 0; j < ops.Count && !readElsewhere; j++)
            {
                readElsewhere = j != i + 1 && (ops[j].Input0 == mid || ops[j].Input1 == mid);
            }
            if (readElsewhere || KernelScratch.FusedRing(t.Dims[1], t.Dims[2], t.Channels, dw.FilterH) >= t.Size)
            {
                continue;
            }
            conv.Flags |= KwsmOpFlags.FusedNext;
            t.Virtual = true;
            pairs++;
            i++; // the depthwise is taken
        }
        return pairs;
    }
}
