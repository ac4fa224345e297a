using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>
/// Marks the ops that can run in place (docs/kwsm-format.md "Memory plan"): a CONV_2D 1x1 stride 1 unpadded with
/// Cin == Cout, or a DEPTHWISE_CONV_2D 3x3 stride 1 SAME with depth multiplier 1, whose input is not the model
/// input and is read by no later op (nor is any tensor sharing its bytes through an in-place RESHAPE). Then sets
/// every op's scratch size (<see cref="KernelScratch.ForOp(KwsNano.Kwsm.KwsmOp, System.Collections.Generic.IReadOnlyList{KwsNano.Kwsm.KwsmTensor}, KwsNano.Kwsm.KwsmOp?)"/>). Run before <see cref="MemoryPlanner.Plan"/>.
/// </summary>
public static class InPlacePlanner
{
    /// <summary>
    /// Sets IN_PLACE (only when <paramref name="inPlace"/>) and ScratchSize on <paramref name="ops"/>; returns the number
    /// of ops marked in place.
    /// </summary>
    public static int Plan(IReadOnlyList<KwsmTensor> tensors, IReadOnlyList<KwsmOp> ops, int inputTensor, bool inPlace)
    {
        int n = tensors.Count;
        var group = new int[n];
        for (int i = 0; i < n; i++) group[i] = i;
        int Find(int t) { while (group[t] != t) t = group[t]; return t; }
        void Union(int a, int b) => group[Find(b)] = Find(a);
        int marked = 0;
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            if ((op.Flags & KwsmOpFlags.InPlace) != 0)
            {
                Union(op.Input0, op.Output); // RESHAPE
                continue;
            }
            if (!inPlace || !Fits(op, tensors) || tensors[op.Input0].Virtual || (op.Flags & KwsmOpFlags.FusedNext) != 0) continue;
            int g = Find(op.Input0);
            if (Find(inputTensor) == g) continue;
            bool readLater = false;
            for (int j = i + 1; j < ops.Count && !readLater; j++)
            {
                readLater = Find(ops[j].Input0) == g || (ops[j].Input1 >= 0 && Find(ops[j].Input1) == g);
            }
            if (readLater) continue;
            op.Flags |= KwsmOpFlags.InPlace;
            Union(op.Input0, op.Output);
            marked++;
        }
        for (int i = 0; i < ops.Count; i++)
        {
            ops[i].ScratchSize = KernelScratch.ForOp(ops[i], tensors, i + 1 < ops.Count ? ops[i + 1] : null);
        }
        return marked;
    }

    /// <summary>The shapes the in-place kernels implement.</summary>
    public static bool Fits(KwsmOp op, IReadOnlyList<KwsmTensor> tensors)
    {
        var input = tensors[op.Input0];
        var output = tensors[op.Output];
        if (input.Dims.Length != 4 || !input.Dims.SequenceEqual(output.Dims)) return false;
        return op.OpCode switch
        {
            KwsmOpCode.Conv2D => op.FilterH == 1 && op.FilterW == 1 && op.StrideH == 1 && op.StrideW == 1 &&
                                 op.PadTop == 0 && op.PadLeft == 0 && input.Channels == output.Channels,
            KwsmOpCode.DepthwiseConv2D => op.FilterH == 3 && op.FilterW == 3 && op.StrideH == 1 && op.StrideW == 1 &&
                                          op.PadTop == 1 && op.PadLeft == 1 && op.DepthMultiplier == 1,
            _ => false,
        };
    }
}
