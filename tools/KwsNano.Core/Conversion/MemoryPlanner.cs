using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>
/// The offline arena planner of docs/kwsm-format.md ("Memory plan"): lifetimes from op order, in-place
/// outputs (RESHAPE, and conv/depthwise marked by <see cref="InPlacePlanner"/>) merged with their inputs, each
/// op's kernel scratch a block live during that op only; greedy placement largest first at the lowest
/// 16-aligned offset that does not overlap a placed block whose lifetime overlaps.
/// </summary>
public static class MemoryPlanner
{
    /// <summary>Alignment of every tensor in the arena.</summary>
    public const int Alignment = 16;

    /// <summary>Sets every tensor's <see cref="KwsmTensor.ArenaOffset"/> and every op's <see cref="KwsmOp.ScratchOffset"/>, and returns the arena size (multiple of 16).</summary>
    public static int Plan(IReadOnlyList<KwsmTensor> tensors, IReadOnlyList<KwsmOp> ops, int inputTensor, int outputTensor)
    {
        int n = tensors.Count;
        var group = new int[n];
        for (int i = 0; i < n; i++) group[i] = i;
        int Find(int t) { while (group[t] != t) t = group[t]; return t; }
        foreach (var op in ops)
        {
            if ((op.Flags & KwsmOpFlags.InPlace) != 0)
            {
                group[Find(op.Output)] = Find(op.Input0);
            }
        }

        var first = new int[n];
        var last = new int[n];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, int.MinValue);
        void Touch(int t, int at)
        {
            int g = Find(t);
            first[g] = Math.Min(first[g], at);
            last[g] = Math.Max(last[g], at);
        }
        Touch(inputTensor, 0);
        Touch(outputTensor, ops.Count);
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            // A fused conv (1.2) runs during the depthwise after it too: its input stays live through op i + 1.
            int end = (op.Flags & KwsmOpFlags.FusedNext) != 0 ? i + 1 : i;
            Touch(op.Output, i);
            Touch(op.Input0, end);
            if (op.Input1 >= 0) Touch(op.Input1, i);
        }

        // Blocks n.. are the ops' scratch, live during their op only.
        var scratchOps = Enumerable.Range(0, ops.Count).Where(i => ops[i].ScratchSize > 0).ToList();
        int blocks = n + scratchOps.Count;
        Array.Resize(ref first, blocks);
        Array.Resize(ref last, blocks);
        var size = new int[blocks];
        for (int t = 0; t < n; t++)
        {
            int g = Find(t);
            size[g] = Math.Max(size[g], tensors[t].Size);
        }
        for (int k = 0; k < scratchOps.Count; k++)
        {
            first[n + k] = scratchOps[k];
            last[n + k] = scratchOps[k] + ((ops[scratchOps[k]].Flags & KwsmOpFlags.FusedNext) != 0 ? 1 : 0); // the ring
            size[n + k] = ops[scratchOps[k]].ScratchSize;
        }
        // VIRTUAL tensors (the output of a fused conv) are never stored: no block, arena_offset 0.
        var roots = Enumerable.Range(0, blocks).Where(t => (t >= n || (Find(t) == t && !tensors[t].Virtual)) && first[t] != int.MaxValue)
            .OrderByDescending(t => size[t]).ThenBy(t => first[t]).ThenBy(t => t).ToList();

        var offset = new int[blocks];
        var placed = new List<int>();
        int arena = 0;
        foreach (int g in roots)
        {
            var conflicts = placed.Where(p => first[p] <= last[g] && first[g] <= last[p]).OrderBy(p => offset[p]).ToList();
            int candidate = 0;
            foreach (int p in conflicts)
            {
                if (candidate + size[g] <= offset[p])
                {
                    break;
                }
                candidate = Math.Max(candidate, AlignUp(offset[p] + size[p]));
            }
            offset[g] = candidate;
            placed.Add(g);
            arena = Math.Max(arena, candidate + size[g]);
        }
        for (int t = 0; t < n; t++)
        {
            tensors[t].ArenaOffset = tensors[t].Virtual ? 0 : offset[Find(t)];
        }
        foreach (var op in ops) op.ScratchOffset = 0;
        for (int k = 0; k < scratchOps.Count; k++)
        {
            ops[scratchOps[k]].ScratchOffset = offset[n + k];
        }
        return AlignUp(arena);
    }

    /// <summary>Rounds up to a multiple of 16.</summary>
    public static int AlignUp(int v) => (v + Alignment - 1) & ~(Alignment - 1);
}
