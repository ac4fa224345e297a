namespace KwsNano.Kwsm;

/// <summary>Byte offsets and sizes of docs/kwsm-format.md, shared by the writer, reader and corruption generator.</summary>
public static class KwsmLayout
{
    public const int HeaderSize = 64;
    public const int FrontendSize = 64;
    public const int TensorRecordSize = 32;
    public const int OpRecordSize = 96;
    public const int MaxTensors = 1024;
    public const int MaxOps = 1024;
    /// <summary>At most this many multiply-accumulate terms per output value (conv, depthwise, FC) or taps per pooling window: 65,536 x 128 x 255 &lt; 2^31 keeps int32 accumulators exact.</summary>
    public const int MaxAccumulationDepth = 65536;
    /// <summary>At most this many classes per SOFTMAX row (keeps the fixed-point sum of exponentials below 2^27).</summary>
    public const int MaxSoftmaxDepth = 256;
    public const ushort NoTensor = 0xFFFF;

    // Header fields.
    public const int Magic = 0;
    public const int VersionMajor = 4;
    public const int VersionMinor = 6;
    public const int TotalSize = 8;
    public const int Crc = 12;
    public const int CrcStart = 16;
    public const int Flags = 16;
    public const int ArenaBytes = 20;
    public const int TensorCount = 24;
    public const int OpCount = 26;
    public const int InputTensor = 28;
    public const int OutputTensor = 30;
    public const int LabelsOffset = 32;
    public const int LabelsSize = 36;
    public const int FrontendOffset = 40;
    public const int TensorsOffset = 44;
    public const int OpsOffset = 48;
    public const int DataOffset = 52;
    public const int DataSize = 56;

    // Tensor record fields.
    public const int TType = 0;
    public const int TRank = 1;
    public const int TFlags = 2;
    public const int TDims = 4;
    public const int TArenaOffset = 12;
    public const int TSize = 16;
    public const int TScale = 20;
    public const int TZeroPoint = 24;
    /// <summary>Tensor flag VIRTUAL (1.2): never stored.</summary>
    public const int TensorVirtual = 1;

    // Op record fields.
    public const int OOpcode = 0;
    public const int OLayout = 1;
    public const int OActivation = 2;
    public const int OPadding = 3;
    public const int OInput0 = 4;
    public const int OInput1 = 6;
    public const int OOutput = 8;
    public const int OSourceIndex = 10;
    public const int OStrideH = 12;
    public const int OStrideW = 14;
    public const int OFilterH = 16;
    public const int OFilterW = 18;
    public const int OPadTop = 20;
    public const int OPadLeft = 22;
    public const int ODepthMultiplier = 24;
    public const int OFlags = 26;
    public const int OActMin = 28;
    public const int OActMax = 32;
    public const int OWeightsOffset = 36;
    public const int OWeightsSize = 40;
    public const int OBiasOffset = 44;
    public const int OBiasSize = 48;
    public const int OQuantOffset = 52;
    public const int OQuantSize = 56;
    public const int OScratchOffset = 60;
    public const int OScratchSize = 64;
    public const int OP = 68;

    /// <summary>The magic bytes "KWSM".</summary>
    public static ReadOnlySpan<byte> MagicBytes => "KWSM"u8;

    /// <summary>Rounds up to a multiple of <paramref name="a"/> (a power of two).</summary>
    public static int Align(int v, int a) => (v + a - 1) & ~(a - 1);
}
