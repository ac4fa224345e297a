namespace KwsNano.Kwsm;

/// <summary>A packed model in memory: what a .kwsm holds, decoded. Produced by the converter or the reader.</summary>
public sealed class KwsmModel
{
    public const int FormatVersionMajor = 1;
    public const int FormatVersionMinor = 2;

    public KwsmModelFlags Flags { get; init; }
    /// <summary>Arena bytes (set by the memory planner).</summary>
    public int ArenaBytes { get; set; }
    public required IReadOnlyList<string> Labels { get; init; }
    public required KwsmFrontend Frontend { get; init; }
    /// <summary>
    /// The front-end tables section (format 1.2, <see cref="KwsmFrontendTables"/>), read in place by the device; null
    /// when the blob has none (older blobs, kind 0, or converted without the host library): the device then builds
    /// its tables in RAM.
    /// </summary>
    public byte[]? FrontendTables { get; init; }
    public required IReadOnlyList<KwsmTensor> Tensors { get; init; }
    public required IReadOnlyList<KwsmOp> Ops { get; init; }
    public required int InputTensor { get; init; }
    public required int OutputTensor { get; init; }

    public KwsmTensor Input => Tensors[InputTensor];
    public KwsmTensor Output => Tensors[OutputTensor];
}
