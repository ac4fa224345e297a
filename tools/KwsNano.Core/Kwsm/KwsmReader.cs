using KwsNano.Conversion;
using System.Buffers.Binary;
using System.Text;

namespace KwsNano.Kwsm;

/// <summary>
/// Reads and validates a .kwsm blob: every rule of the "Validation" section of docs/kwsm-format.md, in
/// that order, with the same error classes as the C loader. A blob it accepts can be executed safely.
/// </summary>
public sealed class KwsmReader
{
    private readonly byte[] _b;
    private readonly string _src;
    private int _tensorCount, _opCount, _inputTensor, _outputTensor;
    private long _labelsOffset, _labelsSize, _frontendOffset, _tensorsOffset, _opsOffset, _dataOffset, _dataSize, _arenaBytes;
    private long _tablesOffset, _tablesSize;
    private byte[]? _tables;

    /// <summary>Largest accepted arena_bytes (2^31 - 16): larger values are refused with <see cref="KwsmError.Bounds"/>.</summary>
    public const long MaxArenaBytes = 0x7FFFFFF0;

    private KwsmReader(byte[] blob, string sourceName)
    {
        _b = blob;
        _src = sourceName;
    }

    /// <summary>Validates <paramref name="blob"/> and decodes it. Throws <see cref="KwsmFormatException"/> on the first broken rule.</summary>
    public static KwsmModel Read(byte[] blob, string sourceName) => new KwsmReader(blob, sourceName).Run();

    /// <summary>Largest .kwsm file read (<see cref="IO.FileChecks.MaxModelBytes"/>).</summary>
    public const long MaxFileBytes = IO.FileChecks.MaxModelBytes;

    /// <summary>Reads and validates a file (see <see cref="ReadFileBytes"/>).</summary>
    public static KwsmModel ReadFile(string path) => Read(ReadFileBytes(path), Path.GetFileName(path));

    /// <summary>
    /// The bytes of a .kwsm file, header first: a missing path, a directory, a file whose header is not a
    /// version-1 .kwsm or whose total_size differs from the file's length is refused (the same
    /// <see cref="KwsmFormatException"/> <see cref="Read"/> would give) before the rest is read, and so is a file
    /// larger than <see cref="MaxFileBytes"/>. Path problems are <see cref="KwsNanoException"/>s naming the path.
    /// </summary>
    public static byte[] ReadFileBytes(string path)
    {
        using var s = IO.FileChecks.OpenInput(path, long.MaxValue, "model");
        long length = s.Length;
        var header = new byte[(int)Math.Min(length, KwsmLayout.HeaderSize)];
        IO.FileChecks.ReadExactly(s, header, path);
        if (header.Length == KwsmLayout.HeaderSize)
        {
            // Steps 1-3 of Read on the header alone, so a huge or foreign file fails at once with the same error.
            var probe = new KwsmReader(header, Path.GetFileName(path));
            probe.CheckHeader(length);
        }
        if (length > MaxFileBytes)
        {
            throw new IO.FileCheckException(path, $"{length:N0} bytes, far larger than any model (at most {MaxFileBytes:N0} bytes); refusing to read it");
        }
        var bytes = new byte[length];
        header.CopyTo(bytes, 0);
        IO.FileChecks.ReadExactly(s, bytes.AsSpan(header.Length), path);
        return bytes;
    }

    private KwsmFormatException Fail(KwsmError e, string what) => new(e, $"{_src}: {what}");

    private ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_b.AsSpan((int)at));
    private uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_b.AsSpan((int)at));
    private int I32(long at) => BinaryPrimitives.ReadInt32LittleEndian(_b.AsSpan((int)at));
    private float F32(long at) => BinaryPrimitives.ReadSingleLittleEndian(_b.AsSpan((int)at));

    private KwsmModel Run()
    {
        // 1-3: size, magic, version, total size, CRC.
        if (_b.Length < KwsmLayout.HeaderSize)
        {
            throw Fail(KwsmError.Truncated, $"blob is {_b.Length} bytes, shorter than the 64-byte header");
        }
        CheckHeader(_b.Length);
        uint total = U32(KwsmLayout.TotalSize);
        uint crc = U32(KwsmLayout.Crc);
        uint actual = Crc32.Compute(_b.AsSpan(KwsmLayout.CrcStart));
        if (crc != actual)
        {
            throw Fail(KwsmError.Crc, $"CRC32 mismatch: header (offset 12) says {crc:X8}, bytes [16, {total}) give {actual:X8}");
        }

        CheckSections();
        var labels = ReadLabels();
        var frontend = ReadFrontend();
        var tensors = ReadTensors();
        var ops = ReadOps(tensors);
        CheckGraph(ops);
        return new KwsmModel
        {
            Flags = (KwsmModelFlags)U32(KwsmLayout.Flags),
            ArenaBytes = (int)_arenaBytes,
            Labels = labels,
            Frontend = frontend,
            FrontendTables = _tables,
            Tensors = tensors,
            Ops = ops,
            InputTensor = _inputTensor,
            OutputTensor = _outputTensor,
        };
    }

    // Steps 2 and 3 up to the size: magic, major version, total_size against the blob (or file) length.
    private void CheckHeader(long length)
    {
        if (!_b.AsSpan(0, 4).SequenceEqual(KwsmLayout.MagicBytes))
        {
            throw Fail(KwsmError.Magic, $"bad magic {Convert.ToHexString(_b, 0, 4)} at offset 0 (expected 4B57534D 'KWSM')");
        }
        int major = U16(KwsmLayout.VersionMajor);
        if (major != KwsmModel.FormatVersionMajor)
        {
            throw Fail(KwsmError.Version, $"format version {major}.{U16(KwsmLayout.VersionMinor)} (offset 4); this reader supports major version {KwsmModel.FormatVersionMajor}");
        }
        uint total = U32(KwsmLayout.TotalSize);
        if (total != length)
        {
            throw Fail(KwsmError.Size, $"header total_size {total} (offset 8) differs from the blob size {length}");
        }
    }

    // Step 4.
    private void CheckSections()
    {
        _arenaBytes = U32(KwsmLayout.ArenaBytes);
        _tensorCount = U16(KwsmLayout.TensorCount);
        _opCount = U16(KwsmLayout.OpCount);
        _inputTensor = U16(KwsmLayout.InputTensor);
        _outputTensor = U16(KwsmLayout.OutputTensor);
        _labelsOffset = U32(KwsmLayout.LabelsOffset);
        _labelsSize = U32(KwsmLayout.LabelsSize);
        _frontendOffset = U32(KwsmLayout.FrontendOffset);
        _tensorsOffset = U32(KwsmLayout.TensorsOffset);
        _opsOffset = U32(KwsmLayout.OpsOffset);
        _dataOffset = U32(KwsmLayout.DataOffset);
        _dataSize = U32(KwsmLayout.DataSize);

        if (_tensorCount < 1 || _tensorCount > KwsmLayout.MaxTensors)
        {
            throw Fail(KwsmError.Bounds, $"tensor_count {_tensorCount} (offset 24) outside 1..{KwsmLayout.MaxTensors}");
        }
        if (_opCount < 1 || _opCount > KwsmLayout.MaxOps)
        {
            throw Fail(KwsmError.Bounds, $"op_count {_opCount} (offset 26) outside 1..{KwsmLayout.MaxOps}");
        }
        if (_inputTensor >= _tensorCount)
        {
            throw Fail(KwsmError.Bounds, $"input_tensor {_inputTensor} (offset 28) >= tensor_count {_tensorCount}");
        }
        if (_outputTensor >= _tensorCount)
        {
            throw Fail(KwsmError.Bounds, $"output_tensor {_outputTensor} (offset 30) >= tensor_count {_tensorCount}");
        }
        Section("labels", _labelsOffset, _labelsSize, 4, 4);
        Section("front-end", _frontendOffset, KwsmLayout.FrontendSize, 4, 1);
        Section("tensor table", _tensorsOffset, (long)_tensorCount * KwsmLayout.TensorRecordSize, 4, 1);
        Section("op table", _opsOffset, (long)_opCount * KwsmLayout.OpRecordSize, 4, 1);
        Section("data", _dataOffset, _dataSize, 16, 16);
        if (_labelsSize < 4)
        {
            throw Fail(KwsmError.Bounds, $"labels_size {_labelsSize} (offset 36) too small for the label count");
        }
        // 1.2: the optional front-end tables section, located by the descriptor (reserved bytes before 1.2).
        if (U16(KwsmLayout.VersionMinor) >= KwsmFrontendTables.SinceMinor)
        {
            _tablesOffset = U32(_frontendOffset + KwsmFrontendTables.OffTablesOffset);
            _tablesSize = U32(_frontendOffset + KwsmFrontendTables.OffTablesSize);
            if (_tablesSize == 0 && _tablesOffset != 0)
            {
                throw Fail(KwsmError.Bounds, $"front-end tables offset {_tablesOffset} (offset {_frontendOffset + KwsmFrontendTables.OffTablesOffset}) with size 0 must be 0");
            }
            if (_tablesSize != 0)
            {
                Section("front-end tables", _tablesOffset, _tablesSize, KwsmFrontendTables.Align, KwsmFrontendTables.Align);
            }
        }
        if (_arenaBytes > MaxArenaBytes)
        {
            throw Fail(KwsmError.Bounds, $"arena_bytes {_arenaBytes} (offset 20) exceeds {MaxArenaBytes}");
        }
        if (_arenaBytes % 16 != 0)
        {
            throw Fail(KwsmError.Align, $"arena_bytes {_arenaBytes} (offset 20) is not a multiple of 16");
        }
    }

    private void Section(string name, long offset, long size, int offsetAlign, int sizeAlign)
    {
        if (offset < KwsmLayout.HeaderSize || offset + size > _b.Length)
        {
            throw Fail(KwsmError.Bounds, $"{name} section [{offset}, {offset + size}) is outside [64, {_b.Length})");
        }
        if (offset % offsetAlign != 0)
        {
            throw Fail(KwsmError.Align, $"{name} section offset {offset} is not {offsetAlign}-aligned");
        }
        if (size % sizeAlign != 0)
        {
            throw Fail(KwsmError.Align, $"{name} section size {size} is not a multiple of {sizeAlign}");
        }
    }

    private long TensorRecord(int i) => _tensorsOffset + (long)i * KwsmLayout.TensorRecordSize;

    /// <summary>
    /// Element count of tensor <paramref name="i"/> from its raw record, or -1 when the record's shape is
    /// invalid (rank outside 1..4, a used dim 0, more than 2^32-1 elements): step 5 then skips the checks that
    /// need it and step 6 reports the record, exactly as the C loader does.
    /// </summary>
    private long RawElements(int i, out int lastDim)
    {
        long r = TensorRecord(i);
        int rank = _b[r + KwsmLayout.TRank];
        lastDim = -1;
        if (rank < 1 || rank > 4)
        {
            return -1;
        }
        long n = 1;
        for (int d = 0; d < rank; d++) n *= U16(r + KwsmLayout.TDims + 2 * d); // <= 65535^4 < 2^63
        if (n == 0 || n > uint.MaxValue)
        {
            return -1;
        }
        lastDim = U16(r + KwsmLayout.TDims + 2 * (rank - 1));
        return n;
    }

    // Step 5a.
    private List<string> ReadLabels()
    {
        long p = _labelsOffset, end = _labelsOffset + _labelsSize;
        int count = U16(p);
        p += 2;
        RawElements(_outputTensor, out int classes);
        if (count < 1)
        {
            throw Fail(KwsmError.Labels, "label count is 0");
        }
        if (classes >= 0 && count != classes)
        {
            throw Fail(KwsmError.Labels, $"label count {count} differs from the {classes} classes of output tensor {_outputTensor}");
        }
        var strict = new UTF8Encoding(false, true);
        var labels = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            if (p >= end)
            {
                throw Fail(KwsmError.Labels, $"label {i} starts at offset {p}, past the end of the labels section ({end})");
            }
            int len = _b[p];
            if (len < 1 || len > 63)
            {
                throw Fail(KwsmError.Labels, $"label {i} at offset {p} has length {len}; must be 1..63");
            }
            if (p + 1 + len > end)
            {
                throw Fail(KwsmError.Labels, $"label {i} at offset {p} (length {len}) runs past the end of the labels section ({end})");
            }
            try
            {
                labels.Add(strict.GetString(_b, (int)p + 1, len));
            }
            catch (DecoderFallbackException)
            {
                throw Fail(KwsmError.Labels, $"label {i} at offset {p} is not valid UTF-8");
            }
            p += 1 + len;
        }
        long expected = KwsmLayout.Align((int)(p - _labelsOffset), 4);
        if (expected != _labelsSize)
        {
            throw Fail(KwsmError.Labels, $"labels_size {_labelsSize} differs from the {expected} bytes the labels occupy (with padding)");
        }
        return labels;
    }

    // Step 5b: the preset name, the shared descriptor rules (KwsmFrontendRules, mirror of the C
    // kws__frontend_desc_check), then the consistency with the input tensor.
    private KwsmFrontend ReadFrontend()
    {
        long o = _frontendOffset;
        string Where(int field) => $"front-end field at offset {o + field}";
        var nameBytes = _b.AsSpan((int)o + KwsmFrontendRules.OffPreset, KwsmFrontendRules.PresetMax);
        int nul = nameBytes.IndexOf((byte)0);
        int nameLen = nul < 0 ? KwsmFrontendRules.PresetMax : nul;
        if (nameLen == 0)
        {
            throw Fail(KwsmError.Frontend, $"preset name ({Where(KwsmFrontendRules.OffPreset)}) is empty");
        }
        for (int i = 0; i < nameLen; i++)
        {
            if (nameBytes[i] < 0x21 || nameBytes[i] > 0x7E)
            {
                throw Fail(KwsmError.Frontend, $"preset name byte {i} ({Where(KwsmFrontendRules.OffPreset + i)}) is not printable ASCII");
            }
        }
        var f = new KwsmFrontend
        {
            Kind = _b[o + KwsmFrontendRules.OffKind],
            Window = _b[o + KwsmFrontendRules.OffWindow],
            SampleScaling = _b[o + KwsmFrontendRules.OffSampleScaling],
            LogMode = _b[o + KwsmFrontendRules.OffLogMode],
            SampleRate = (int)Math.Min(U32(o + KwsmFrontendRules.OffSampleRate), int.MaxValue),
            FrameLength = U16(o + KwsmFrontendRules.OffFrameLength),
            FrameHop = U16(o + KwsmFrontendRules.OffFrameHop),
            FftSize = U16(o + KwsmFrontendRules.OffFftSize),
            MelBins = U16(o + KwsmFrontendRules.OffMelBins),
            MelLowHz = F32(o + KwsmFrontendRules.OffMelLowHz),
            MelHighHz = F32(o + KwsmFrontendRules.OffMelHighHz),
            NumCoeffs = U16(o + KwsmFrontendRules.OffNumCoeffs),
            NumFrames = U16(o + KwsmFrontendRules.OffNumFrames),
            InputScale = F32(o + KwsmFrontendRules.OffInputScale),
            InputZeroPoint = I32(o + KwsmFrontendRules.OffInputZeroPoint),
            Spectrum = _b[o + KwsmFrontendRules.OffSpectrum],
            MelFormula = _b[o + KwsmFrontendRules.OffMelFormula],
            Dct = _b[o + KwsmFrontendRules.OffDct],
            Preset = Encoding.ASCII.GetString(nameBytes[..nameLen]),
        };
        if (KwsmFrontendRules.Check(f) is { } v)
        {
            throw Fail(KwsmError.Frontend, $"{v.Problem} ({Where(v.FieldOffset)})");
        }
        long elements = RawElements(_inputTensor, out _);
        if (elements >= 0 && (long)f.NumFrames * f.NumCoeffs != elements)
        {
            throw Fail(KwsmError.Frontend, $"num_frames x num_coeffs = {f.NumFrames} x {f.NumCoeffs} ({Where(KwsmFrontendRules.OffNumCoeffs)}) differs from the {elements} elements of input tensor {_inputTensor}");
        }
        long tr = TensorRecord(_inputTensor);
        if (U32(o + KwsmFrontendRules.OffInputScale) != U32(tr + KwsmLayout.TScale) || f.InputZeroPoint != I32(tr + KwsmLayout.TZeroPoint))
        {
            throw Fail(KwsmError.Frontend, $"input_scale/input_zero_point {f.InputScale}/{f.InputZeroPoint} ({Where(KwsmFrontendRules.OffInputScale)}) differ from input tensor {_inputTensor}'s {F32(tr + KwsmLayout.TScale)}/{I32(tr + KwsmLayout.TZeroPoint)}");
        }
        if (_tablesSize != 0)
        {
            var section = _b.AsSpan((int)_tablesOffset, (int)_tablesSize);
            if (KwsmFrontendTables.Check(f, section) is { } problem)
            {
                throw Fail(problem.Error, $"{problem.Problem} (front-end tables section at offset {_tablesOffset})");
            }
            _tables = section.ToArray();
        }
        return f;
    }

    // Step 6.
    private List<KwsmTensor> ReadTensors()
    {
        var list = new List<KwsmTensor>(_tensorCount);
        for (int i = 0; i < _tensorCount; i++)
        {
            long r = TensorRecord(i);
            string w = $"tensor {i} (record at offset {r})";
            int type = _b[r + KwsmLayout.TType];
            if (type != 1) throw Fail(KwsmError.Tensor, $"{w}: type {type} unknown; only 1 (int8) is supported");
            int rank = _b[r + KwsmLayout.TRank];
            if (rank < 1 || rank > 4) throw Fail(KwsmError.Tensor, $"{w}: rank {rank} outside 1..4");
            var dims = new int[rank];
            long product = 1;
            for (int d = 0; d < 4; d++)
            {
                int v = U16(r + KwsmLayout.TDims + 2 * d);
                if (d < rank)
                {
                    if (v < 1) throw Fail(KwsmError.Tensor, $"{w}: dim {d} is 0");
                    dims[d] = v;
                    product *= v;
                }
                else if (v != 1)
                {
                    throw Fail(KwsmError.Tensor, $"{w}: unused dim {d} is {v}, must be 1");
                }
            }
            long size = U32(r + KwsmLayout.TSize);
            if (size != product) throw Fail(KwsmError.Tensor, $"{w}: size {size} differs from the product of dims [{string.Join(",", dims)}] = {product}");
            long arena = U32(r + KwsmLayout.TArenaOffset);
            bool isVirtual = (U16(r + KwsmLayout.TFlags) & KwsmLayout.TensorVirtual) != 0;
            if (isVirtual)
            {
                if (arena != 0) throw Fail(KwsmError.Tensor, $"{w}: VIRTUAL (never stored) but arena_offset {arena}, must be 0");
            }
            else
            {
                if (arena % 16 != 0) throw Fail(KwsmError.Tensor, $"{w}: arena_offset {arena} is not 16-aligned");
                if (arena + size > _arenaBytes) throw Fail(KwsmError.Tensor, $"{w}: arena range [{arena}, {arena + size}) exceeds arena_bytes {_arenaBytes}");
            }
            float scale = F32(r + KwsmLayout.TScale);
            if (!(scale > 0) || !float.IsFinite(scale)) throw Fail(KwsmError.Tensor, $"{w}: scale {scale} must be finite and > 0");
            int zp = I32(r + KwsmLayout.TZeroPoint);
            if (zp < -128 || zp > 127) throw Fail(KwsmError.Tensor, $"{w}: zero point {zp} outside -128..127");
            list.Add(new KwsmTensor { Dims = dims, ArenaOffset = (int)arena, Scale = scale, ZeroPoint = zp, Virtual = isVirtual });
        }
        return list;
    }

    // Step 7.
    private List<KwsmOp> ReadOps(List<KwsmTensor> tensors)
    {
        var ops = new List<KwsmOp>(_opCount);
        for (int i = 0; i < _opCount; i++)
        {
            ops.Add(ReadOp(i, tensors));
        }
        return ops;
    }

    private KwsmOp ReadOp(int i, List<KwsmTensor> tensors)
    {
        long r = _opsOffset + (long)i * KwsmLayout.OpRecordSize;
        string w = $"op {i} (record at offset {r})";
        int opcode = _b[r + KwsmLayout.OOpcode];
        int layout = _b[r + KwsmLayout.OLayout];
        if (opcode < 1 || opcode > 8) throw Fail(KwsmError.OpCode, $"{w}: unknown opcode {opcode}");
        var code = (KwsmOpCode)opcode;
        if (layout != 0) throw Fail(KwsmError.OpCode, $"{w}: weight_layout {layout} is not implemented (only 0)");
        w = $"op {i} {code} (record at offset {r})";

        int in0 = U16(r + KwsmLayout.OInput0), in1 = U16(r + KwsmLayout.OInput1), outIdx = U16(r + KwsmLayout.OOutput);
        int sh = U16(r + KwsmLayout.OStrideH), sw = U16(r + KwsmLayout.OStrideW);
        int fh = U16(r + KwsmLayout.OFilterH), fw = U16(r + KwsmLayout.OFilterW);
        int pt = U16(r + KwsmLayout.OPadTop), pl = U16(r + KwsmLayout.OPadLeft);
        int dm = U16(r + KwsmLayout.ODepthMultiplier);
        var flags = (KwsmOpFlags)U16(r + KwsmLayout.OFlags);
        int padding = _b[r + KwsmLayout.OPadding];
        long wOff = U32(r + KwsmLayout.OWeightsOffset), wSize = U32(r + KwsmLayout.OWeightsSize);
        long bOff = U32(r + KwsmLayout.OBiasOffset), bSize = U32(r + KwsmLayout.OBiasSize);
        long qOff = U32(r + KwsmLayout.OQuantOffset), qSize = U32(r + KwsmLayout.OQuantSize);
        long sOff = U32(r + KwsmLayout.OScratchOffset), sSize = U32(r + KwsmLayout.OScratchSize);
        var p = new int[7];
        for (int k = 0; k < 7; k++) p[k] = I32(r + KwsmLayout.OP + 4 * k);

        // Shape.
        if (in0 >= _tensorCount) throw Fail(KwsmError.Shape, $"{w}: input0 {in0} >= tensor_count {_tensorCount}");
        if (outIdx >= _tensorCount) throw Fail(KwsmError.Shape, $"{w}: output {outIdx} >= tensor_count {_tensorCount}");
        if (code == KwsmOpCode.Add)
        {
            if (in1 >= _tensorCount) throw Fail(KwsmError.Shape, $"{w}: input1 {in1} >= tensor_count {_tensorCount}");
        }
        else if (in1 != KwsmLayout.NoTensor)
        {
            throw Fail(KwsmError.Shape, $"{w}: input1 is {in1}, must be 0xFFFF for this opcode");
        }
        var input = tensors[in0];
        var output = tensors[outIdx];
        string Dims(KwsmTensor t) => "[" + string.Join(",", t.Dims) + "]";
        void Sizes(long ws, long bs, long qs)
        {
            if (wSize != ws) throw Fail(KwsmError.Shape, $"{w}: weights_size {wSize}, shapes need {ws}");
            if (bSize != bs) throw Fail(KwsmError.Shape, $"{w}: bias_size {bSize}, shapes need {bs}");
            if (qSize != qs) throw Fail(KwsmError.Shape, $"{w}: quant_size {qSize}, shapes need {qs}");
        }
        void Window(string kind)
        {
            if (input.Dims.Length != 4 || input.Dims[0] != 1) throw Fail(KwsmError.Shape, $"{w}: input tensor {in0} {Dims(input)} must be [1,H,W,C]");
            if (output.Dims.Length != 4 || output.Dims[0] != 1) throw Fail(KwsmError.Shape, $"{w}: output tensor {outIdx} {Dims(output)} must be [1,H,W,C]");
            if (sh < 1 || sw < 1) throw Fail(KwsmError.Shape, $"{w}: stride {sh}x{sw} must be >= 1");
            if (fh < 1 || fw < 1) throw Fail(KwsmError.Shape, $"{w}: {kind} {fh}x{fw} must be >= 1");
            if (padding > 1) throw Fail(KwsmError.Shape, $"{w}: padding {padding} unknown (0 SAME, 1 VALID)");
            var (oh, eTop) = Expected(input.Dims[1], fh, sh, padding);
            var (ow, eLeft) = Expected(input.Dims[2], fw, sw, padding);
            if (oh < 1 || ow < 1 || output.Dims[1] != oh || output.Dims[2] != ow)
            {
                throw Fail(KwsmError.Shape, $"{w}: output {Dims(output)} but input {Dims(input)}, {kind} {fh}x{fw}, stride {sh}x{sw}, {(padding == 0 ? "SAME" : "VALID")} give {oh}x{ow}");
            }
            if (pt != eTop || pl != eLeft) throw Fail(KwsmError.Shape, $"{w}: pad_top/pad_left {pt}/{pl}, padding rule gives {eTop}/{eLeft}");
        }
        // Engine limit that keeps int32 accumulators exact (format doc, Validation step 7).
        void AccumulationDepth(long terms)
        {
            if (terms > KwsmLayout.MaxAccumulationDepth) throw Fail(KwsmError.Shape, $"{w}: {terms} terms per output value; at most {KwsmLayout.MaxAccumulationDepth}");
        }
        // IN_PLACE conv/depthwise (format 1.1): only the shapes the in-place kernels implement, output over the input.
        void InPlaceShape(bool fits, string shape)
        {
            if ((flags & KwsmOpFlags.InPlace) == 0) return;
            if (!fits || !input.Dims.SequenceEqual(output.Dims))
            {
                throw Fail(KwsmError.Shape, $"{w}: IN_PLACE needs {shape} and equal input/output dims (input {Dims(input)}, output {Dims(output)}, filter {fh}x{fw}, stride {sh}x{sw})");
            }
            if (input.ArenaOffset != output.ArenaOffset)
            {
                throw Fail(KwsmError.Shape, $"{w}: IN_PLACE but input arena offset {input.ArenaOffset} != output arena offset {output.ArenaOffset}");
            }
        }
        int cout = output.Channels;
        int qn = (flags & KwsmOpFlags.PerChannel) != 0 ? cout : 1;
        switch (code)
        {
            case KwsmOpCode.Conv2D:
                Window("filter");
                Sizes((long)cout * fh * fw * input.Channels, 4L * cout, 8L * qn);
                AccumulationDepth((long)fh * fw * input.Channels);
                InPlaceShape(fh == 1 && fw == 1 && sh == 1 && sw == 1 && pt == 0 && pl == 0 && input.Channels == cout, "1x1 stride 1 unpadded with Cin == Cout");
                break;
            case KwsmOpCode.DepthwiseConv2D:
                Window("filter");
                if (dm < 1 || cout != (long)input.Channels * dm) throw Fail(KwsmError.Shape, $"{w}: output channels {cout} != input channels {input.Channels} x depth_multiplier {dm}");
                Sizes((long)fh * fw * cout, 4L * cout, 8L * qn);
                AccumulationDepth((long)fh * fw);
                InPlaceShape(fh == 3 && fw == 3 && sh == 1 && sw == 1 && pt == 1 && pl == 1 && dm == 1, "3x3 stride 1 SAME with depth_multiplier 1");
                break;
            case KwsmOpCode.FullyConnected:
            {
                long rows = output.Size / cout;
                if (input.Size % rows != 0) throw Fail(KwsmError.Shape, $"{w}: input {Dims(input)} does not split into {rows} rows");
                long k = input.Size / rows;
                Sizes(cout * k, 4L * cout, 8L * qn);
                AccumulationDepth(k);
                break;
            }
            case KwsmOpCode.AveragePool2D:
            case KwsmOpCode.MaxPool2D:
                Window("window");
                if (cout != input.Channels) throw Fail(KwsmError.Shape, $"{w}: output channels {cout} != input channels {input.Channels}");
                AccumulationDepth((long)fh * fw);
                Sizes(0, 0, 0);
                break;
            case KwsmOpCode.Reshape:
                if (input.Size != output.Size) throw Fail(KwsmError.Shape, $"{w}: input {Dims(input)} and output {Dims(output)} differ in size");
                if ((flags & KwsmOpFlags.InPlace) != 0 && input.ArenaOffset != output.ArenaOffset)
                {
                    throw Fail(KwsmError.Shape, $"{w}: IN_PLACE but input arena offset {input.ArenaOffset} != output arena offset {output.ArenaOffset}");
                }
                Sizes(0, 0, 0);
                break;
            case KwsmOpCode.Softmax:
                if (!input.Dims.SequenceEqual(output.Dims)) throw Fail(KwsmError.Shape, $"{w}: input {Dims(input)} and output {Dims(output)} differ");
                if (input.Channels > KwsmLayout.MaxSoftmaxDepth) throw Fail(KwsmError.Shape, $"{w}: {input.Channels} classes per row; at most {KwsmLayout.MaxSoftmaxDepth}");
                Sizes(0, 0, 0);
                break;
            case KwsmOpCode.Add:
            {
                var input1 = tensors[in1];
                if (!input.Dims.SequenceEqual(output.Dims) || !input1.Dims.SequenceEqual(output.Dims))
                {
                    throw Fail(KwsmError.Shape, $"{w}: inputs {Dims(input)} + {Dims(input1)} -> {Dims(output)} must all be equal");
                }
                Sizes(0, 0, 24);
                break;
            }
        }

        // Fusion (1.2, SHAPE): a VIRTUAL tensor is exactly the output of a FUSED_NEXT conv and input0 of the next op, a
        // DEPTHWISE_CONV_2D; a FUSED_NEXT conv is not IN_PLACE (C kws__check_op_fusion).
        long OpRec(int k) => _opsOffset + (long)k * KwsmLayout.OpRecordSize;
        if (code == KwsmOpCode.Conv2D && (flags & KwsmOpFlags.FusedNext) != 0)
        {
            if (i + 1 >= _opCount || _b[OpRec(i + 1) + KwsmLayout.OOpcode] != (byte)KwsmOpCode.DepthwiseConv2D ||
                U16(OpRec(i + 1) + KwsmLayout.OInput0) != outIdx || !output.Virtual || (flags & KwsmOpFlags.InPlace) != 0)
            {
                throw Fail(KwsmError.Shape, $"{w}: FUSED_NEXT needs the next op to be a DEPTHWISE_CONV_2D reading this op's VIRTUAL output tensor {outIdx}, and no IN_PLACE");
            }
        }
        else if (output.Virtual)
        {
            throw Fail(KwsmError.Shape, $"{w}: output tensor {outIdx} is VIRTUAL (never stored), which only a FUSED_NEXT CONV_2D may write");
        }
        if (input.Virtual)
        {
            long prev = i > 0 ? OpRec(i - 1) : -1;
            if (prev < 0 || _b[prev + KwsmLayout.OOpcode] != (byte)KwsmOpCode.Conv2D ||
                (U16(prev + KwsmLayout.OFlags) & (int)KwsmOpFlags.FusedNext) == 0 || U16(prev + KwsmLayout.OOutput) != in0)
            {
                throw Fail(KwsmError.Shape, $"{w}: input0 tensor {in0} is VIRTUAL, which only the op right after the FUSED_NEXT conv writing it may read");
            }
        }
        if (in1 != KwsmLayout.NoTensor && tensors[in1].Virtual)
        {
            throw Fail(KwsmError.Shape, $"{w}: input1 tensor {in1} is VIRTUAL (never stored)");
        }

        // Bounds.
        void DataRef(string name, long off, long size)
        {
            if (size == 0)
            {
                if (off != 0) throw Fail(KwsmError.Bounds, $"{w}: {name}_offset {off} with size 0 must be 0");
                return;
            }
            if (off % 16 != 0 || off < _dataOffset || off + size > _dataOffset + _dataSize)
            {
                throw Fail(KwsmError.Bounds, $"{w}: {name} block [{off}, {off + size}) is not a 16-aligned range inside the data section [{_dataOffset}, {_dataOffset + _dataSize})");
            }
        }
        DataRef("weights", wOff, wSize);
        DataRef("bias", bOff, bSize);
        DataRef("quant", qOff, qSize);
        if (sSize == 0 ? sOff != 0 : (sOff % 16 != 0 || sOff + sSize > _arenaBytes))
        {
            throw Fail(KwsmError.Bounds, $"{w}: scratch [{sOff}, {sOff + sSize}) is not a 16-aligned range inside the arena ({_arenaBytes} bytes)");
        }
        if (sSize != 0)
        {
            foreach (var (name, t) in new[] { ("input0", input), ("output", output), ("input1", in1 != KwsmLayout.NoTensor ? tensors[in1] : null) })
            {
                if (t != null && !t.Virtual && sOff < t.ArenaOffset + (long)t.Size && t.ArenaOffset < sOff + sSize)
                {
                    throw Fail(KwsmError.Bounds, $"{w}: scratch [{sOff}, {sOff + sSize}) overlaps its {name} tensor at [{t.ArenaOffset}, {t.ArenaOffset + t.Size})");
                }
            }
        }
        if (code == KwsmOpCode.Conv2D && (flags & KwsmOpFlags.FusedNext) != 0)
        {
            // The ring of the depthwise's filter_h conv rows; neither it nor the conv input may overlap the depthwise
            // output, which is written while both are read (C kws__check_fused_scratch).
            long next = OpRec(i + 1);
            long ring = KernelScratch.FusedRing(output.Dims[1], output.Dims[2], cout, U16(next + KwsmLayout.OFilterH));
            if (sSize < ring) throw Fail(KwsmError.Bounds, $"{w}: FUSED_NEXT with {sSize} bytes of scratch; the ring of conv rows needs {ring}");
            int dwOut = U16(next + KwsmLayout.OOutput);
            if (dwOut < _tensorCount)
            {
                var t = tensors[dwOut];
                bool Overlaps(long off, long size) => !t.Virtual && off < t.ArenaOffset + (long)t.Size && t.ArenaOffset < off + size;
                if (Overlaps(sOff, sSize) || (!input.Virtual && Overlaps(input.ArenaOffset, input.Size)))
                {
                    throw Fail(KwsmError.Bounds, $"{w}: FUSED_NEXT but the depthwise output tensor {dwOut} at [{t.ArenaOffset}, {t.ArenaOffset + t.Size}) overlaps the scratch or the conv input, both read while it is written");
                }
            }
        }
        if ((flags & KwsmOpFlags.InPlace) != 0 && code is KwsmOpCode.Conv2D or KwsmOpCode.DepthwiseConv2D)
        {
            long need = code == KwsmOpCode.Conv2D ? KernelScratch.Conv1x1InPlace(output.Dims[1], output.Dims[2], cout)
                                                  : KernelScratch.Depthwise3x3InPlace(output.Dims[2], cout);
            if (sSize < need) throw Fail(KwsmError.Bounds, $"{w}: IN_PLACE with {sSize} bytes of scratch; the in-place kernel needs {need}");
        }

        // Param.
        int actMin = I32(r + KwsmLayout.OActMin), actMax = I32(r + KwsmLayout.OActMax);
        if (actMin < -128 || actMax > 127 || actMin > actMax) throw Fail(KwsmError.Param, $"{w}: act_min/act_max {actMin}/{actMax} must satisfy -128 <= min <= max <= 127");
        int activation = _b[r + KwsmLayout.OActivation];
        if (activation > 2) throw Fail(KwsmError.Param, $"{w}: activation {activation} unknown");
        var allowed = code switch
        {
            KwsmOpCode.Conv2D => KwsmOpFlags.PerChannel | KwsmOpFlags.OffsetFolded | KwsmOpFlags.InPlace | KwsmOpFlags.FusedNext,
            KwsmOpCode.DepthwiseConv2D => KwsmOpFlags.PerChannel | KwsmOpFlags.OffsetFolded | KwsmOpFlags.InPlace,
            KwsmOpCode.FullyConnected => KwsmOpFlags.PerChannel | KwsmOpFlags.OffsetFolded,
            KwsmOpCode.Reshape => KwsmOpFlags.InPlace,
            _ => KwsmOpFlags.None,
        };
        if ((flags & ~allowed) != 0) throw Fail(KwsmError.Param, $"{w}: op_flags 0x{(int)flags:X} not allowed for this opcode");
        int[]? quant = qSize > 0 ? ReadInts(qOff, (int)(qSize / 4)) : null;
        switch (code)
        {
            case KwsmOpCode.Conv2D:
            case KwsmOpCode.DepthwiseConv2D:
            case KwsmOpCode.FullyConnected:
                if (p[0] != -input.ZeroPoint || p[1] != output.ZeroPoint)
                {
                    throw Fail(KwsmError.Param, $"{w}: p[0]/p[1] = {p[0]}/{p[1]} must be -input zero point {-input.ZeroPoint} / output zero point {output.ZeroPoint}");
                }
                for (int c = 0; c < qn; c++) Multiplier(w, $"channel {c}", quant![c], quant[qn + c], -31, 30);
                break;
            case KwsmOpCode.AveragePool2D:
            case KwsmOpCode.MaxPool2D:
            case KwsmOpCode.Reshape:
                if (input.Scale != output.Scale || input.ZeroPoint != output.ZeroPoint)
                {
                    throw Fail(KwsmError.Param, $"{w}: input and output quantisation differ ({input.Scale}/{input.ZeroPoint} vs {output.Scale}/{output.ZeroPoint})");
                }
                break;
            case KwsmOpCode.Softmax:
                if (Math.Abs(output.Scale - 1f / 256) > 0.001f / 256 || output.ZeroPoint != -128)
                {
                    throw Fail(KwsmError.Param, $"{w}: output quantisation {output.Scale}/{output.ZeroPoint} must be 1/256 / -128");
                }
                if (p[1] < 0 || p[1] > 31) throw Fail(KwsmError.Param, $"{w}: input_left_shift p[1] = {p[1]} outside 0..31");
                Multiplier(w, "input", p[0], 0, 0, 0);
                int diffMin = -Quantization.QuantParams.CalculateInputRadius(5, p[1]);
                if (p[2] != diffMin) throw Fail(KwsmError.Param, $"{w}: diff_min p[2] = {p[2]}, input_left_shift {p[1]} gives {diffMin}");
                break;
            case KwsmOpCode.Add:
                if (p[0] != -input.ZeroPoint || p[1] != -tensors[in1].ZeroPoint || p[2] != output.ZeroPoint)
                {
                    throw Fail(KwsmError.Param, $"{w}: p[0..2] = {p[0]}/{p[1]}/{p[2]} must be the input offsets and output zero point");
                }
                if (p[3] < 0 || p[3] > 30) throw Fail(KwsmError.Param, $"{w}: left_shift p[3] = {p[3]} outside 0..30");
                for (int k = 0; k < 3; k++) Multiplier(w, k < 2 ? $"input{k}" : "output", quant![2 * k], quant[2 * k + 1], -31, 0);
                break;
        }

        return new KwsmOp
        {
            OpCode = code,
            WeightLayout = (byte)layout,
            Activation = (byte)activation,
            Padding = (byte)padding,
            Input0 = in0,
            Input1 = in1 == KwsmLayout.NoTensor ? -1 : in1,
            Output = outIdx,
            SourceIndex = U16(r + KwsmLayout.OSourceIndex),
            StrideH = sh,
            StrideW = sw,
            FilterH = fh,
            FilterW = fw,
            PadTop = pt,
            PadLeft = pl,
            DepthMultiplier = dm,
            Flags = flags,
            ActMin = actMin,
            ActMax = actMax,
            Weights = wSize > 0 ? ReadSBytes(wOff, (int)wSize) : null,
            Bias = bSize > 0 ? ReadInts(bOff, (int)(bSize / 4)) : null,
            Quant = quant,
            ScratchOffset = (int)sOff,
            ScratchSize = (int)sSize,
            P = p,
        };
    }

    private static (int Out, int Pad) Expected(int input, int filter, int stride, int padding)
    {
        if (padding == 0)
        {
            int o = (input + stride - 1) / stride;
            int total = Math.Max((o - 1) * stride + filter - input, 0);
            return (o, total / 2);
        }
        return (input < filter ? 0 : (input - filter) / stride + 1, 0);
    }

    private void Multiplier(string w, string which, int multiplier, int shift, int minShift, int maxShift)
    {
        if (multiplier != 0 && multiplier < (1 << 30))
        {
            throw Fail(KwsmError.Param, $"{w}: {which} multiplier {multiplier} outside [2^30, 2^31)");
        }
        if (shift < minShift || shift > maxShift)
        {
            throw Fail(KwsmError.Param, $"{w}: {which} shift {shift} outside {minShift}..{maxShift}");
        }
    }

    private int[] ReadInts(long off, int n)
    {
        var r = new int[n];
        for (int i = 0; i < n; i++) r[i] = I32(off + 4L * i);
        return r;
    }

    private sbyte[] ReadSBytes(long off, int n)
    {
        var r = new sbyte[n];
        Buffer.BlockCopy(_b, (int)off, r, 0, n);
        return r;
    }

    // Step 8.
    private void CheckGraph(List<KwsmOp> ops)
    {
        var written = new bool[_tensorCount];
        written[_inputTensor] = true;
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            if (!written[op.Input0])
            {
                throw Fail(KwsmError.Graph, i == 0 && op.Input0 != _inputTensor
                    ? $"op 0 reads tensor {op.Input0}, not the model input tensor {_inputTensor}"
                    : $"op {i} reads tensor {op.Input0} before any op writes it");
            }
            if (op.Input1 >= 0 && !written[op.Input1])
            {
                throw Fail(KwsmError.Graph, $"op {i} reads tensor {op.Input1} (input1) before any op writes it");
            }
            if (written[op.Output])
            {
                throw Fail(KwsmError.Graph, $"op {i} writes tensor {op.Output}, which is the model input or already written");
            }
            written[op.Output] = true;
        }
        if (ops[^1].Output != _outputTensor)
        {
            throw Fail(KwsmError.Graph, $"the last op writes tensor {ops[^1].Output}, not the model output tensor {_outputTensor}");
        }
    }
}
