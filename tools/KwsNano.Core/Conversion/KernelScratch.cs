using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>
/// The native kernels' <c>*_buffer_size()</c> formulas (kernels-native/include/kws_nano.h), mirrored so the
/// converter can size and place each op's arena scratch. A test compares every formula with the host library's
/// function on a table of shapes (KernelScratchTests). A blob is build-independent: each op gets the largest
/// scratch any kernel the device may dispatch to needs (the reference kernels need none).
/// </summary>
public static class KernelScratch
{
    /// <summary>Largest window the optimized convolution gathers (KWS__CONV_COL_MAX taps).</summary>
    public const int ConvGatherMaxTaps = 240;

    /// <summary><c>kws_conv2d_s8_opt_buffer_size</c>: two gathered int16 windows of roundup(K, 2) taps for filters other than 1x1 with K = fh*fw*Cin &lt;= 240, else 0.</summary>
    public static int ConvOpt(int filterH, int filterW, int inputChannels)
    {
        long k = (long)filterH * filterW * inputChannels;
        if ((filterH == 1 && filterW == 1) || k < 1 || k > ConvGatherMaxTaps) return 0;
        return (int)(4 * ((k + 1) & ~1L));
    }

    /// <summary><c>kws_conv2d_1x1_s8_inplace_buffer_size</c>: min(2W, H*W) pixels of C bytes.</summary>
    public static int Conv1x1InPlace(int height, int width, int channels) =>
        (int)(Math.Min(2L * width, (long)height * width) * channels);

    /// <summary><c>kws_depthwise_conv2d_3x3_s8_inplace_buffer_size</c>: two rows of W pixels of C bytes.</summary>
    public static int Depthwise3x3InPlace(int width, int channels) => (int)(2L * width * channels);

    /// <summary>
    /// <c>kws_conv2d_dw_fused_s8_buffer_size</c>: the ring of the depthwise's filter_h rows (at most the conv output's
    /// height) of the conv output, W pixels of C bytes.
    /// </summary>
    public static int FusedRing(int height, int width, int channels, int dwFilterH) =>
        (int)(Math.Min(dwFilterH, height) * (long)width * channels);

    /// <summary>Scratch bytes of <paramref name="op"/> as the converter writes it (its IN_PLACE flag already decided).</summary>
    public static int ForOp(KwsmOp op, IReadOnlyList<KwsmTensor> tensors) => ForOp(op, tensors, null);

    /// <summary>
    /// As <see cref="ForOp(KwsmOp, IReadOnlyList{KwsmTensor})"/>; a FUSED_NEXT conv (<paramref name="next"/> the
    /// depthwise after it) needs the ring, 16-aligned, then the conv kernel's own scratch.
    /// </summary>
    public static int ForOp(KwsmOp op, IReadOnlyList<KwsmTensor> tensors, KwsmOp? next)
    {
        if (op.OpCode == KwsmOpCode.Conv2D && (op.Flags & KwsmOpFlags.FusedNext) != 0 && next != null)
        {
            var mid = tensors[op.Output];
            return MemoryPlanner.AlignUp(FusedRing(mid.Dims[1], mid.Dims[2], mid.Channels, next.FilterH)) +
                   ConvOpt(op.FilterH, op.FilterW, tensors[op.Input0].Channels);
        }
        var input = tensors[op.Input0];
        var output = tensors[op.Output];
        bool inPlace = (op.Flags & KwsmOpFlags.InPlace) != 0;
        return op.OpCode switch
        {
            KwsmOpCode.Conv2D when inPlace => Conv1x1InPlace(output.Dims[1], output.Dims[2], output.Channels),
            KwsmOpCode.Conv2D => ConvOpt(op.FilterH, op.FilterW, input.Channels),
            KwsmOpCode.DepthwiseConv2D when inPlace => Depthwise3x3InPlace(output.Dims[2], output.Channels),
            _ => 0,
        };
    }
}
