namespace KwsNano.Kwsm;

/// <summary>A packed model in memory: what a .kwsm holds, decoded. Produced by the converter or the reader.</summary>
public sealed class KwsmModel
{
    public const int FormatVersionMajor = 1;
    public const int FormatVersionMinor = 1;

    public KwsmModelFlags Flags { get; init; }
    /// <summary>Arena bytes (set by the memory planner).</summary>
    public int ArenaBytes { get; set; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required KwsmFrontend Frontend { get; init; }
    public required IReadOnlyList<KwsmTensor> Tensors { get; init; }
    public required IReadOnlyList<KwsmOp> Ops { get; init; }
    public required int InputTensor { get; init; }
    public required int OutputTensor { get; init; }

    public KwsmTensor Input => Tensors[InputTensor];
    public KwsmTensor Output => Tensors[OutputTensor];
}
