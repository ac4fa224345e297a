using System.Buffers.Binary;

namespace KwsNano.Kwsm;

/// <summary>
/// Generates damaged variants of a valid .kwsm blob, each with the error class both readers (C# and C) must
/// report. Cases after the CRC check re-compute the CRC, so they exercise the structural rules. Used by the
/// C# tests and by <c>kwsnano corrupt</c>, which writes them for the native loader tests.
/// </summary>
public static class KwsmCorruptions
{
    /// <summary>All cases that apply to <paramref name="valid"/> (which must itself be valid).</summary>
    public static IReadOnlyList<KwsmCorruption> Generate(byte[] valid)
    {
        var model = KwsmReader.Read(valid, "input");
        var list = new List<KwsmCorruption>();
        int total = valid.Length;
        uint R32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(valid.AsSpan(at));
        int labelsOff = (int)R32(KwsmLayout.LabelsOffset);
        int frontOff = (int)R32(KwsmLayout.FrontendOffset);
        int tensorsOff = (int)R32(KwsmLayout.TensorsOffset);
        int opsOff = (int)R32(KwsmLayout.OpsOffset);
        int dataOff = (int)R32(KwsmLayout.DataOffset);
        int dataSize = (int)R32(KwsmLayout.DataSize);
        int tensorCount = model.Tensors.Count;
        int arena = model.ArenaBytes;
        int TRec(int i) => tensorsOff + i * KwsmLayout.TensorRecordSize;
        int ORec(int i) => opsOff + i * KwsmLayout.OpRecordSize;

        void Raw(string name, KwsmError e, string what, Func<byte[], byte[]> make) => list.Add(new KwsmCorruption(name, make((byte[])valid.Clone()), e, what));
        void Edit(string name, KwsmError e, string what, Action<byte[]> edit, bool fixCrc = true)
        {
            var b = (byte[])valid.Clone();
            edit(b);
            if (fixCrc)
            {
                KwsmWriter.FixCrc(b);
            }
            list.Add(new KwsmCorruption(name, b, e, what));
        }
        static void W8(byte[] b, int at, int v) => b[at] = (byte)v;
        static void W16(byte[] b, int at, int v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)v);
        static void W32(byte[] b, int at, long v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), (uint)v);
        static void WF(byte[] b, int at, float v) => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(at), v);

        // Steps 1-3.
        Raw("truncated_empty", KwsmError.Truncated, "0 bytes", _ => Array.Empty<byte>());
        Raw("truncated_header", KwsmError.Truncated, "first 32 bytes only", b => b[..32]);
        Raw("truncated_63", KwsmError.Truncated, "first 63 bytes only", b => b[..63]);
        Raw("truncated_half", KwsmError.Size, "first half of the file", b => b[..(total / 2)]);
        Raw("truncated_last_byte", KwsmError.Size, "last byte missing", b => b[..(total - 1)]);
        Raw("extended", KwsmError.Size, "16 zero bytes appended", b => b.Concat(new byte[16]).ToArray());
        Edit("bad_magic", KwsmError.Magic, "magic 'XWSM'", b => b[0] = (byte)'X', fixCrc: false);
        Edit("bad_version", KwsmError.Version, "major version 2", b => W16(b, KwsmLayout.VersionMajor, 2), fixCrc: false);
        Edit("size_field", KwsmError.Size, "total_size + 16", b => W32(b, KwsmLayout.TotalSize, total + 16), fixCrc: false);
        Edit("crc_field", KwsmError.Crc, "CRC field bit flipped", b => b[KwsmLayout.Crc] ^= 1, fixCrc: false);
        Edit("crc_label_byte", KwsmError.Crc, "a label byte changed", b => b[labelsOff + 3] ^= 0x20, fixCrc: false);
        Edit("crc_last_byte", KwsmError.Crc, "last data byte flipped", b => b[total - 1] ^= 0x80, fixCrc: false);

        // Step 4 (CRC re-computed from here on).
        Edit("tensor_count_zero", KwsmError.Bounds, "tensor_count 0", b => W16(b, KwsmLayout.TensorCount, 0));
        Edit("tensor_count_huge", KwsmError.Bounds, "tensor_count 2000", b => W16(b, KwsmLayout.TensorCount, 2000));
        Edit("op_count_zero", KwsmError.Bounds, "op_count 0", b => W16(b, KwsmLayout.OpCount, 0));
        Edit("input_tensor_range", KwsmError.Bounds, "input_tensor = tensor_count", b => W16(b, KwsmLayout.InputTensor, tensorCount));
        Edit("output_tensor_range", KwsmError.Bounds, "output_tensor 0xFFFF", b => W16(b, KwsmLayout.OutputTensor, 0xFFFF));
        Edit("labels_past_end", KwsmError.Bounds, "labels_offset = total_size", b => W32(b, KwsmLayout.LabelsOffset, total));
        Edit("labels_in_header", KwsmError.Bounds, "labels_offset 16 (inside the header)", b => W32(b, KwsmLayout.LabelsOffset, 16));
        Edit("labels_size_huge", KwsmError.Bounds, "labels_size 0xFFFFFFF0", b => W32(b, KwsmLayout.LabelsSize, 0xFFFFFFF0));
        Edit("frontend_past_end", KwsmError.Bounds, "frontend_offset = total_size - 32", b => W32(b, KwsmLayout.FrontendOffset, total - 32));
        Edit("tensors_past_end", KwsmError.Bounds, "tensors_offset = total_size - 16", b => W32(b, KwsmLayout.TensorsOffset, total - 16));
        Edit("ops_offset_huge", KwsmError.Bounds, "ops_offset 0xFFFFFF00", b => W32(b, KwsmLayout.OpsOffset, 0xFFFFFF00));
        Edit("data_size_huge", KwsmError.Bounds, "data_size 0x7FFFFFF0", b => W32(b, KwsmLayout.DataSize, 0x7FFFFFF0));
        Edit("tensors_misaligned", KwsmError.Align, "tensors_offset + 2", b => W32(b, KwsmLayout.TensorsOffset, tensorsOff + 2));
        Edit("frontend_misaligned", KwsmError.Align, "frontend_offset + 1", b => W32(b, KwsmLayout.FrontendOffset, frontOff + 1));
        if (dataSize >= 16)
        {
            Edit("data_misaligned", KwsmError.Align, "data_offset + 4, data_size - 16", b =>
            {
                W32(b, KwsmLayout.DataOffset, dataOff + 4);
                W32(b, KwsmLayout.DataSize, dataSize - 16);
            });
        }
        Edit("arena_misaligned", KwsmError.Align, "arena_bytes + 8", b => W32(b, KwsmLayout.ArenaBytes, arena + 8));
        // Step 4, the front-end tables section's location (1.2, in the descriptor).
        int fetAt = frontOff + KwsmFrontendTables.OffTablesOffset, fetSizeAt = frontOff + KwsmFrontendTables.OffTablesSize;
        int fetOff = (int)R32(fetAt), fetSize = (int)R32(fetSizeAt);
        if (model.FrontendTables != null)
        {
            Edit("fetables_past_end", KwsmError.Bounds, "front-end tables offset = total_size - 16", b => W32(b, fetAt, total - 16));
            Edit("fetables_size_huge", KwsmError.Bounds, "front-end tables size 0xFFFFFFF0", b => W32(b, fetSizeAt, 0xFFFFFFF0));
            Edit("fetables_in_header", KwsmError.Bounds, "front-end tables offset 32 (inside the header)", b => W32(b, fetAt, 32));
            Edit("fetables_size_zero", KwsmError.Bounds, "front-end tables size 0 with its offset kept", b => W32(b, fetSizeAt, 0));
            Edit("fetables_misaligned", KwsmError.Align, "front-end tables offset + 4", b => W32(b, fetAt, fetOff + 4));
            Edit("fetables_size_unaligned", KwsmError.Align, "front-end tables size - 4", b => W32(b, fetSizeAt, fetSize - 4));
        }

        // Step 5.
        Edit("label_count_wrong", KwsmError.Labels, "label count + 1", b => W16(b, labelsOff, model.Labels.Count + 1));
        Edit("label_length_zero", KwsmError.Labels, "first label length 0", b => W8(b, labelsOff + 2, 0));
        Edit("label_length_64", KwsmError.Labels, "first label length 64", b => W8(b, labelsOff + 2, 64));
        Edit("label_bad_utf8", KwsmError.Labels, "first label byte 0xFF", b => W8(b, labelsOff + 3, 0xFF));
        Edit("frontend_kind", KwsmError.Frontend, "front-end kind 9", b => W8(b, frontOff, 9));
        Edit("frontend_frames", KwsmError.Frontend, "num_frames + 1", b => W16(b, frontOff + 26, model.Frontend.NumFrames + 1));
        Edit("frontend_scale", KwsmError.Frontend, "input_scale doubled", b => WF(b, frontOff + 28, model.Frontend.InputScale * 2));
        Edit("frontend_preset_name", KwsmError.Frontend, "preset name empty", b => W8(b, frontOff + 40, 0));
        if (model.Frontend.Kind != 0)
        {
            // One case per descriptor rule the device front-end applies (KwsmFrontendRules, kws__frontend_desc_check).
            int F(int field) => frontOff + field;
            Edit("frontend_fft", KwsmError.Frontend, "fft_size 1000 (not a power of two)", b => W16(b, F(KwsmFrontendRules.OffFftSize), 1000));
            Edit("frontend_fft_too_large", KwsmError.Frontend, "fft_size 8192 (> 4096)", b => W16(b, F(KwsmFrontendRules.OffFftSize), 8192));
            Edit("frontend_mel_bins_129", KwsmError.Frontend, "mel_bins 129 (> 128)", b => W16(b, F(KwsmFrontendRules.OffMelBins), 129));
            Edit("frontend_mel_bins_below_coeffs", KwsmError.Frontend, "mel_bins num_coeffs - 1", b => W16(b, F(KwsmFrontendRules.OffMelBins), model.Frontend.NumCoeffs - 1));
            Edit("frontend_hop_over_frame", KwsmError.Frontend, "frame_hop frame_length + 1", b => W16(b, F(KwsmFrontendRules.OffFrameHop), model.Frontend.FrameLength + 1));
            Edit("frontend_hop_zero", KwsmError.Frontend, "frame_hop 0", b => W16(b, F(KwsmFrontendRules.OffFrameHop), 0));
            Edit("frontend_frame_length_one", KwsmError.Frontend, "frame_length 1", b => W16(b, F(KwsmFrontendRules.OffFrameLength), 1));
            Edit("frontend_frame_over_fft", KwsmError.Frontend, "frame_length fft_size + 1", b => W16(b, F(KwsmFrontendRules.OffFrameLength), model.Frontend.FftSize + 1));
            Edit("frontend_sample_rate", KwsmError.Frontend, "sample_rate 192001", b => W32(b, F(KwsmFrontendRules.OffSampleRate), 192001));
            Edit("frontend_window", KwsmError.Frontend, "window 0", b => W8(b, F(KwsmFrontendRules.OffWindow), 0));
            Edit("frontend_scaling", KwsmError.Frontend, "sample_scaling 2", b => W8(b, F(KwsmFrontendRules.OffSampleScaling), 2));
            Edit("frontend_log_mode", KwsmError.Frontend, "log_mode 2", b => W8(b, F(KwsmFrontendRules.OffLogMode), 2));
            Edit("frontend_spectrum", KwsmError.Frontend, "spectrum 2", b => W8(b, F(KwsmFrontendRules.OffSpectrum), 2));
            Edit("frontend_mel_formula", KwsmError.Frontend, "mel_formula 1", b => W8(b, F(KwsmFrontendRules.OffMelFormula), 1));
            Edit("frontend_dct", KwsmError.Frontend, "dct 2", b => W8(b, F(KwsmFrontendRules.OffDct), 2));
            Edit("frontend_mel_high_over_nyquist", KwsmError.Frontend, "mel_high_hz sample_rate/2 + 1", b => WF(b, F(KwsmFrontendRules.OffMelHighHz), model.Frontend.SampleRate / 2f + 1));
            Edit("frontend_mel_low_negative", KwsmError.Frontend, "mel_low_hz -1", b => WF(b, F(KwsmFrontendRules.OffMelLowHz), -1f));
        }

        // Step 5, the front-end tables section's contents (1.2; KwsmFrontendTables.Check, kws__fet_check).
        if (model.FrontendTables != null)
        {
            int T(int field) => fetOff + field;
            int Dir(int i) => fetOff + KwsmFrontendTables.HeaderSize + 8 * i;
            var tables = KwsmFrontendTables.Directory(model.Frontend, model.FrontendTables);
            int Tab(int i) => fetOff + tables[i].Offset;
            Edit("fetables_magic", KwsmError.Frontend, "front-end tables magic 'XETB'", b => W8(b, T(0), 'X'));
            Edit("fetables_kind", KwsmError.Frontend, "front-end tables kind differs from the descriptor", b => W8(b, T(KwsmFrontendTables.OffKind), model.Frontend.Kind == 1 ? 2 : 1));
            Edit("fetables_count", KwsmError.Frontend, "front-end tables count + 1", b => W8(b, T(KwsmFrontendTables.OffCount), tables.Count + 1));
            Edit("fetables_fft_size", KwsmError.Frontend, "front-end tables fft_size doubled", b => W16(b, T(KwsmFrontendTables.OffFftSize), 2 * model.Frontend.FftSize));
            Edit("fetables_frame_length", KwsmError.Frontend, "front-end tables frame_length - 1", b => W16(b, T(KwsmFrontendTables.OffFrameLength), model.Frontend.FrameLength - 1));
            Edit("fetables_mel_high", KwsmError.Frontend, "front-end tables mel_high_hz one ulp higher", b => W32(b, T(KwsmFrontendTables.OffMelHighHz), BitConverter.SingleToUInt32Bits(model.Frontend.MelHighHz) + 1));
            Edit("fetables_table_outside", KwsmError.Bounds, "front-end table 0 offset = section size", b => W32(b, Dir(0), fetSize));
            Edit("fetables_table_misaligned", KwsmError.Align, "front-end table 1 offset + 4", b => W32(b, Dir(1), tables[1].Offset + 4));
            Edit("fetables_table_overlap", KwsmError.Frontend, "front-end table 1 at table 0's offset", b => W32(b, Dir(1), tables[0].Offset));
            Edit("fetables_table_in_directory", KwsmError.Frontend, "front-end table 0 at offset 32 (the directory)", b => W32(b, Dir(0), 32));
            Edit("fetables_table_size", KwsmError.Frontend, "front-end table 0 size + 2", b => W32(b, Dir(0) + 4, tables[0].Size + 2));
            Edit("fetables_trailing", KwsmError.Frontend, "front-end tables size + 16 (16 bytes after the last table)", b => W32(b, fetSizeAt, fetSize + 16));
            if (KwsmFrontendRules.IsMfcc(model.Frontend.Kind))
            {
                Edit("fetables_bit_reversal", KwsmError.Frontend, "bit reversal entry 1 changed", b => W16(b, Tab(3) + 2, 1));
                Edit("fetables_mel_offset", KwsmError.Frontend, "mel weight offset of filter 1 + 1", b => W32(b, Tab(6) + 4, (int)R32(Tab(6) + 4) + 1));
                int weighted = Enumerable.Range(0, model.Frontend.MelBins).First(i => BinaryPrimitives.ReadUInt16LittleEndian(model.FrontendTables.AsSpan(tables[5].Offset + 2 * i)) > 0);
                Edit("fetables_mel_first_dc", KwsmError.Frontend, $"mel filter {weighted} (the first with weights) starts at bin 0 (DC)", b => W16(b, Tab(4) + 2 * weighted, 0));
                Edit("fetables_mel_past_spectrum", KwsmError.Frontend, "mel filter 0 counts fft_size/2 + 2 bins", b => W16(b, Tab(5), model.Frontend.FftSize / 2 + 2));
                Edit("fetables_window_nan", KwsmError.Frontend, "window value 3 NaN", b => WF(b, Tab(0) + 12, float.NaN));
                Edit("fetables_window_negative", KwsmError.Frontend, "window value 5 -0.5", b => WF(b, Tab(0) + 20, -0.5f));
                Edit("fetables_cos_above_one", KwsmError.Frontend, "fft cos value 2 = 1.0001", b => WF(b, Tab(1) + 8, 1.0001f));
                Edit("fetables_mel_weight", KwsmError.Frontend, "mel weight 0 = 1.5", b => WF(b, Tab(7), 1.5f));
                Edit("fetables_dct", KwsmError.Frontend, "dct value 0 = 2", b => WF(b, Tab(8), 2f));
            }
            else
            {
                Edit("fetables_band_dc", KwsmError.Frontend, "micro_speech band 0 starts at bin 0", b => W16(b, Tab(3), 0));
                Edit("fetables_band_order", KwsmError.Frontend, "micro_speech band start 2 below band start 1", b => W16(b, Tab(3) + 4, 0));
                Edit("fetables_band_end", KwsmError.Frontend, "micro_speech last band ends at fft_size/2 + 1", b => W16(b, Tab(3) + 2 * (model.Frontend.MelBins + 1), model.Frontend.FftSize / 2 + 1));
                Edit("fetables_weight_range", KwsmError.Frontend, "micro_speech weight 0 = 4097", b => W16(b, Tab(4), 4097));
                Edit("fetables_unweight_negative", KwsmError.Frontend, "micro_speech unweight 0 = -1", b => W16(b, Tab(5), 0xFFFF));
            }
            Edit("fetables_kind_none", KwsmError.Frontend, "front-end kind 0 (none) with a tables section", b =>
            {
                // kind 0 keeps its own rules: only the input layout and quantisation
                W8(b, frontOff, 0);
            });
        }

        // Step 6: on an intermediate tensor (neither input nor output) when there is one.
        int mid = Enumerable.Range(0, tensorCount).FirstOrDefault(i => i != model.InputTensor && i != model.OutputTensor, -1);
        if (mid >= 0)
        {
            int r = TRec(mid);
            Edit("tensor_type", KwsmError.Tensor, $"tensor {mid} type 2", b => W8(b, r + KwsmLayout.TType, 2));
            Edit("tensor_rank_zero", KwsmError.Tensor, $"tensor {mid} rank 0", b => W8(b, r + KwsmLayout.TRank, 0));
            Edit("tensor_rank_five", KwsmError.Tensor, $"tensor {mid} rank 5", b => W8(b, r + KwsmLayout.TRank, 5));
            Edit("tensor_dim_oversized", KwsmError.Tensor, $"tensor {mid} dim 0 = 65535 (size no longer matches)", b => W16(b, r + KwsmLayout.TDims, 65535));
            Edit("tensor_size_oversized", KwsmError.Tensor, $"tensor {mid} dims [65535,65535,...] with matching huge size", b =>
            {
                W8(b, r + KwsmLayout.TRank, 2);
                W16(b, r + KwsmLayout.TDims, 65535);
                W16(b, r + KwsmLayout.TDims + 2, 65535);
                W16(b, r + KwsmLayout.TDims + 4, 1);
                W16(b, r + KwsmLayout.TDims + 6, 1);
                W32(b, r + KwsmLayout.TSize, 65535L * 65535);
            });
            Edit("tensor_dim_zero", KwsmError.Tensor, $"tensor {mid} dim 0 = 0", b => W16(b, r + KwsmLayout.TDims, 0));
            Edit("tensor_arena_outside", KwsmError.Tensor, $"tensor {mid} arena_offset = arena_bytes", b => W32(b, r + KwsmLayout.TArenaOffset, arena));
            Edit("tensor_arena_misaligned", KwsmError.Tensor, $"tensor {mid} arena_offset + 8", b => W32(b, r + KwsmLayout.TArenaOffset, model.Tensors[mid].ArenaOffset + 8));
            Edit("tensor_scale_zero", KwsmError.Tensor, $"tensor {mid} scale 0", b => WF(b, r + KwsmLayout.TScale, 0f));
            Edit("tensor_scale_nan", KwsmError.Tensor, $"tensor {mid} scale NaN", b => WF(b, r + KwsmLayout.TScale, float.NaN));
            Edit("tensor_zero_point", KwsmError.Tensor, $"tensor {mid} zero point 200", b => W32(b, r + KwsmLayout.TZeroPoint, 200));
        }

        // Step 7.
        Edit("op_opcode", KwsmError.OpCode, "op 0 opcode 99", b => W8(b, ORec(0) + KwsmLayout.OOpcode, 99));
        Edit("op_opcode_zero", KwsmError.OpCode, "op 0 opcode 0", b => W8(b, ORec(0) + KwsmLayout.OOpcode, 0));
        Edit("op_layout", KwsmError.OpCode, "op 0 weight_layout 1", b => W8(b, ORec(0) + KwsmLayout.OLayout, 1));
        Edit("op_input_range", KwsmError.Shape, "op 0 input0 5000", b => W16(b, ORec(0) + KwsmLayout.OInput0, 5000));
        Edit("op_output_range", KwsmError.Shape, "op 0 output = tensor_count", b => W16(b, ORec(0) + KwsmLayout.OOutput, tensorCount));
        int win = Index(model, o => o.OpCode is KwsmOpCode.Conv2D or KwsmOpCode.DepthwiseConv2D or KwsmOpCode.AveragePool2D or KwsmOpCode.MaxPool2D
            && model.Tensors[o.Output].Dims[1] > 1);
        if (win >= 0)
        {
            int h = model.Tensors[model.Ops[win].Input0].Dims[1];
            Edit("op_stride", KwsmError.Shape, $"op {win} stride_h {h + 1}", b => W16(b, ORec(win) + KwsmLayout.OStrideH, h + 1));
            Edit("op_stride_zero", KwsmError.Shape, $"op {win} stride_w 0", b => W16(b, ORec(win) + KwsmLayout.OStrideW, 0));
            Edit("op_pad_top", KwsmError.Shape, $"op {win} pad_top + 5", b => W16(b, ORec(win) + KwsmLayout.OPadTop, model.Ops[win].PadTop + 5));
        }
        int wop = Index(model, o => o.Weights != null);
        if (wop >= 0)
        {
            int r = ORec(wop);
            var op = model.Ops[wop];
            int wOff = (int)R32(r + KwsmLayout.OWeightsOffset);
            int qOff = (int)R32(r + KwsmLayout.OQuantOffset);
            int qn = op.Quant!.Length / 2;
            Edit("op_weights_size", KwsmError.Shape, $"op {wop} weights_size - 1", b => W32(b, r + KwsmLayout.OWeightsSize, op.Weights!.Length - 1));
            Edit("op_bias_size", KwsmError.Shape, $"op {wop} bias_size + 4", b => W32(b, r + KwsmLayout.OBiasSize, op.Bias!.Length * 4 + 4));
            Edit("op_weights_outside", KwsmError.Bounds, $"op {wop} weights_offset past the data section", b => W32(b, r + KwsmLayout.OWeightsOffset, dataOff + dataSize));
            Edit("op_weights_offset_huge", KwsmError.Bounds, $"op {wop} weights_offset 0xFFFFFFF0", b => W32(b, r + KwsmLayout.OWeightsOffset, 0xFFFFFFF0));
            Edit("op_weights_misaligned", KwsmError.Bounds, $"op {wop} weights_offset + 4", b => W32(b, r + KwsmLayout.OWeightsOffset, wOff + 4));
            Edit("op_weights_in_tables", KwsmError.Bounds, $"op {wop} weights_offset inside the op table", b => W32(b, r + KwsmLayout.OWeightsOffset, opsOff & ~15));
            Edit("op_scratch_outside", KwsmError.Bounds, $"op {wop} scratch beyond the arena", b =>
            {
                W32(b, r + KwsmLayout.OScratchOffset, arena);
                W32(b, r + KwsmLayout.OScratchSize, 16);
            });
            // Format 1.1 scratch and in-place rules, on the first in-place conv/depthwise of the model (if any).
            int ip = model.Ops.ToList().FindIndex(o => (o.Flags & KwsmOpFlags.InPlace) != 0 && o.OpCode is KwsmOpCode.Conv2D or KwsmOpCode.DepthwiseConv2D);
            if (ip >= 0)
            {
                int rp = ORec(ip);
                var ipo = model.Ops[ip];
                int tOut = model.Ops[ip].Output;
                Edit("op_inplace_scratch_small", KwsmError.Bounds, $"op {ip} IN_PLACE with scratch_size - 16", b => W32(b, rp + KwsmLayout.OScratchSize, ipo.ScratchSize - 16));
                Edit("op_inplace_scratch_overlap", KwsmError.Bounds, $"op {ip} scratch over its own tensor", b => W32(b, rp + KwsmLayout.OScratchOffset, model.Tensors[tOut].ArenaOffset));
                Edit("op_inplace_stride", KwsmError.Shape, $"op {ip} IN_PLACE with stride_w 2", b => W16(b, rp + KwsmLayout.OStrideW, 2));
            }
            int nip = model.Ops.ToList().FindIndex(o => (o.Flags & KwsmOpFlags.InPlace) == 0 && o.OpCode is KwsmOpCode.Conv2D or KwsmOpCode.DepthwiseConv2D);
            if (nip >= 0)
            {
                int rn = ORec(nip);
                Edit("op_inplace_not_in_place", KwsmError.Shape, $"op {nip} IN_PLACE flag on an op whose output is elsewhere", b =>
                    W16(b, rn + KwsmLayout.OFlags, (int)(model.Ops[nip].Flags | KwsmOpFlags.InPlace)));
            }
            Edit("op_act_inverted", KwsmError.Param, $"op {wop} act_min 127 > act_max -128", b =>
            {
                W32(b, r + KwsmLayout.OActMin, 127);
                W32(b, r + KwsmLayout.OActMax, -128);
            });
            Edit("op_act_range", KwsmError.Param, $"op {wop} act_max 300", b => W32(b, r + KwsmLayout.OActMax, 300));
            Edit("op_multiplier", KwsmError.Param, $"op {wop} multiplier[0] = -5", b => W32(b, qOff, unchecked((uint)-5)));
            Edit("op_multiplier_small", KwsmError.Param, $"op {wop} multiplier[0] = 12345", b => W32(b, qOff, 12345));
            Edit("op_shift", KwsmError.Param, $"op {wop} shift[0] = 40", b => W32(b, qOff + 4 * qn, 40));
            Edit("op_input_offset", KwsmError.Param, $"op {wop} p[0] (input offset) + 1", b => W32(b, r + KwsmLayout.OP, op.P[0] + 1));
            Edit("op_flags_unknown", KwsmError.Param, $"op {wop} op_flags bit 7", b => W16(b, r + KwsmLayout.OFlags, (int)op.Flags | 0x80));
        }
        int sm = Index(model, o => o.OpCode == KwsmOpCode.Softmax);
        if (sm >= 0)
        {
            Edit("softmax_diff_min", KwsmError.Param, $"op {sm} diff_min + 1", b => W32(b, ORec(sm) + KwsmLayout.OP + 8, model.Ops[sm].P[2] + 1));
        }

        // Step 8.
        if (model.Ops.Count >= 2 && model.Ops[1].Input0 != model.InputTensor && model.Ops[1].Input1 != model.InputTensor)
        {
            Edit("graph_ops_swapped", KwsmError.Graph, "op records 0 and 1 swapped", b =>
            {
                var a = b.AsSpan(ORec(0), KwsmLayout.OpRecordSize).ToArray();
                b.AsSpan(ORec(1), KwsmLayout.OpRecordSize).CopyTo(b.AsSpan(ORec(0)));
                a.CopyTo(b.AsSpan(ORec(1)));
            });
        }
        var last = model.Ops[^1];
        if (last.OpCode is KwsmOpCode.Softmax or KwsmOpCode.Reshape && model.Ops.Count >= 2)
        {
            Edit("graph_self_read", KwsmError.Graph, "last op reads its own output", b => W16(b, ORec(model.Ops.Count - 1) + KwsmLayout.OInput0, last.Output));
        }
        return list;
    }

    private static int Index(KwsmModel m, Func<KwsmOp, bool> pred)
    {
        for (int i = 0; i < m.Ops.Count; i++)
        {
            if (pred(m.Ops[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
