using System.Buffers.Binary;
using System.Text;

namespace KwsNano.Kwsm;

/// <summary>Serialises a <see cref="KwsmModel"/> exactly per docs/kwsm-format.md (sections in order, weight blocks 16-aligned, CRC last).</summary>
public static class KwsmWriter
{
    /// <summary>The .kwsm bytes of <paramref name="model"/>.</summary>
    public static byte[] Write(KwsmModel model)
    {
        int labelsOffset = KwsmLayout.HeaderSize;
        var labelBytes = EncodeLabels(model.Labels);
        int frontendOffset = labelsOffset + labelBytes.Length;
        int tensorsOffset = frontendOffset + KwsmLayout.FrontendSize;
        int opsOffset = tensorsOffset + model.Tensors.Count * KwsmLayout.TensorRecordSize;
        int opsEnd = opsOffset + model.Ops.Count * KwsmLayout.OpRecordSize;
        // The optional front-end tables section (1.2) sits between the op table and the data, 16-aligned.
        var tables = model.FrontendTables;
        int tablesOffset = tables is { Length: > 0 } ? KwsmLayout.Align(opsEnd, KwsmFrontendTables.Align) : 0;
        int dataOffset = KwsmLayout.Align(tables is { Length: > 0 } ? tablesOffset + tables.Length : opsEnd, 16);

        // Place the data blocks: per op, weights, bias, quant; each 16-aligned.
        var blocks = new List<(int Offset, byte[] Bytes)>();
        var refs = new (int W, int WSize, int B, int BSize, int Q, int QSize)[model.Ops.Count];
        int cursor = dataOffset;
        (int, int) Place(byte[]? bytes)
        {
            if (bytes == null || bytes.Length == 0)
            {
                return (0, 0);
            }
            int at = cursor;
            blocks.Add((at, bytes));
            cursor = KwsmLayout.Align(at + bytes.Length, 16);
            return (at, bytes.Length);
        }
        for (int i = 0; i < model.Ops.Count; i++)
        {
            var op = model.Ops[i];
            var (w, ws) = Place(op.Weights is null ? null : (byte[])(Array)op.Weights);
            var (b, bs) = Place(op.Bias is null ? null : Int32Bytes(op.Bias));
            var (q, qs) = Place(op.Quant is null ? null : Int32Bytes(op.Quant));
            refs[i] = (w, ws, b, bs, q, qs);
        }
        int total = cursor;
        var blob = new byte[total];
        var s = blob.AsSpan();

        KwsmLayout.MagicBytes.CopyTo(s);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.VersionMajor..], KwsmModel.FormatVersionMajor);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.VersionMinor..], KwsmModel.FormatVersionMinor);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.TotalSize..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.Flags..], (uint)model.Flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.ArenaBytes..], (uint)model.ArenaBytes);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.TensorCount..], (ushort)model.Tensors.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.OpCount..], (ushort)model.Ops.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.InputTensor..], (ushort)model.InputTensor);
        BinaryPrimitives.WriteUInt16LittleEndian(s[KwsmLayout.OutputTensor..], (ushort)model.OutputTensor);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.LabelsOffset..], (uint)labelsOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.LabelsSize..], (uint)labelBytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.FrontendOffset..], (uint)frontendOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.TensorsOffset..], (uint)tensorsOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.OpsOffset..], (uint)opsOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.DataOffset..], (uint)dataOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.DataSize..], (uint)(total - dataOffset));

        labelBytes.CopyTo(blob, labelsOffset);
        WriteFrontend(s.Slice(frontendOffset, KwsmLayout.FrontendSize), model.Frontend);
        if (tables is { Length: > 0 })
        {
            tables.CopyTo(blob, tablesOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(frontendOffset + KwsmFrontendTables.OffTablesOffset)..], (uint)tablesOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(s[(frontendOffset + KwsmFrontendTables.OffTablesSize)..], (uint)tables.Length);
        }
        for (int i = 0; i < model.Tensors.Count; i++)
        {
            WriteTensor(s.Slice(tensorsOffset + i * KwsmLayout.TensorRecordSize, KwsmLayout.TensorRecordSize), model.Tensors[i]);
        }
        for (int i = 0; i < model.Ops.Count; i++)
        {
            WriteOp(blob, opsOffset + i * KwsmLayout.OpRecordSize, model.Ops[i], refs[i]);
        }
        foreach (var (offset, bytes) in blocks)
        {
            bytes.CopyTo(blob, offset);
        }
        BinaryPrimitives.WriteUInt32LittleEndian(s[KwsmLayout.Crc..], Crc32.Compute(s[KwsmLayout.CrcStart..]));
        return blob;
    }

    /// <summary>Recomputes and stores the CRC of a blob whose bytes were edited (used by tests and the corruption generator).</summary>
    public static void FixCrc(byte[] blob)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(KwsmLayout.Crc), Crc32.Compute(blob.AsSpan(KwsmLayout.CrcStart)));
    }

    private static byte[] Int32Bytes(int[] values)
    {
        var b = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(4 * i), values[i]);
        return b;
    }

    private static byte[] EncodeLabels(IReadOnlyList<string> labels)
    {
        var ms = new MemoryStream();
        ms.WriteByte((byte)(labels.Count & 0xFF));
        ms.WriteByte((byte)(labels.Count >> 8));
        foreach (var label in labels)
        {
            var b = Encoding.UTF8.GetBytes(label);
            if (b.Length < 1 || b.Length > 63)
            {
                throw new ArgumentException($"label '{label}' must be 1..63 UTF-8 bytes");
            }
            ms.WriteByte((byte)b.Length);
            ms.Write(b);
        }
        while (ms.Length % 4 != 0) ms.WriteByte(0);
        return ms.ToArray();
    }

    private static void WriteFrontend(Span<byte> d, KwsmFrontend f)
    {
        d[0] = f.Kind;
        d[1] = f.Window;
        d[2] = f.SampleScaling;
        d[3] = f.LogMode;
        BinaryPrimitives.WriteUInt32LittleEndian(d[4..], (uint)f.SampleRate);
        BinaryPrimitives.WriteUInt16LittleEndian(d[8..], (ushort)f.FrameLength);
        BinaryPrimitives.WriteUInt16LittleEndian(d[10..], (ushort)f.FrameHop);
        BinaryPrimitives.WriteUInt16LittleEndian(d[12..], (ushort)f.FftSize);
        BinaryPrimitives.WriteUInt16LittleEndian(d[14..], (ushort)f.MelBins);
        BinaryPrimitives.WriteSingleLittleEndian(d[16..], f.MelLowHz);
        BinaryPrimitives.WriteSingleLittleEndian(d[20..], f.MelHighHz);
        BinaryPrimitives.WriteUInt16LittleEndian(d[24..], (ushort)f.NumCoeffs);
        BinaryPrimitives.WriteUInt16LittleEndian(d[26..], (ushort)f.NumFrames);
        BinaryPrimitives.WriteSingleLittleEndian(d[28..], f.InputScale);
        BinaryPrimitives.WriteInt32LittleEndian(d[32..], f.InputZeroPoint);
        d[36] = f.Spectrum;
        d[37] = f.MelFormula;
        d[38] = f.Dct;
        var name = Encoding.ASCII.GetBytes(f.Preset);
        if (name.Length > 16)
        {
            throw new ArgumentException($"front-end preset name '{f.Preset}' is longer than 16 characters");
        }
        name.CopyTo(d[40..]);
    }

    private static void WriteTensor(Span<byte> d, KwsmTensor t)
    {
        d[KwsmLayout.TType] = 1;
        d[KwsmLayout.TRank] = (byte)t.Dims.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(d[KwsmLayout.TFlags..], (ushort)(t.Virtual ? KwsmLayout.TensorVirtual : 0));
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(d[(KwsmLayout.TDims + 2 * i)..], (ushort)(i < t.Dims.Length ? t.Dims[i] : 1));
        }
        BinaryPrimitives.WriteUInt32LittleEndian(d[KwsmLayout.TArenaOffset..], (uint)t.ArenaOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(d[KwsmLayout.TSize..], (uint)t.Size);
        BinaryPrimitives.WriteSingleLittleEndian(d[KwsmLayout.TScale..], t.Scale);
        BinaryPrimitives.WriteInt32LittleEndian(d[KwsmLayout.TZeroPoint..], t.ZeroPoint);
    }

    private static void WriteOp(byte[] blob, int rec, KwsmOp op, (int W, int WSize, int B, int BSize, int Q, int QSize) r)
    {
        blob[rec + KwsmLayout.OOpcode] = (byte)op.OpCode;
        blob[rec + KwsmLayout.OLayout] = op.WeightLayout;
        blob[rec + KwsmLayout.OActivation] = op.Activation;
        blob[rec + KwsmLayout.OPadding] = op.Padding;
        void U16(int at, int v) => BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(rec + at), (ushort)v);
        void I32(int at, int v) => BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(rec + at), v);
        U16(KwsmLayout.OInput0, op.Input0);
        U16(KwsmLayout.OInput1, op.Input1 < 0 ? KwsmLayout.NoTensor : op.Input1);
        U16(KwsmLayout.OOutput, op.Output);
        U16(KwsmLayout.OSourceIndex, op.SourceIndex);
        U16(KwsmLayout.OStrideH, op.StrideH);
        U16(KwsmLayout.OStrideW, op.StrideW);
        U16(KwsmLayout.OFilterH, op.FilterH);
        U16(KwsmLayout.OFilterW, op.FilterW);
        U16(KwsmLayout.OPadTop, op.PadTop);
        U16(KwsmLayout.OPadLeft, op.PadLeft);
        U16(KwsmLayout.ODepthMultiplier, op.DepthMultiplier);
        U16(KwsmLayout.OFlags, (int)op.Flags);
        I32(KwsmLayout.OActMin, op.ActMin);
        I32(KwsmLayout.OActMax, op.ActMax);
        I32(KwsmLayout.OWeightsOffset, r.W);
        I32(KwsmLayout.OWeightsSize, r.WSize);
        I32(KwsmLayout.OBiasOffset, r.B);
        I32(KwsmLayout.OBiasSize, r.BSize);
        I32(KwsmLayout.OQuantOffset, r.Q);
        I32(KwsmLayout.OQuantSize, r.QSize);
        I32(KwsmLayout.OScratchOffset, op.ScratchOffset);
        I32(KwsmLayout.OScratchSize, op.ScratchSize);
        for (int i = 0; i < 7; i++)
        {
            I32(KwsmLayout.OP + 4 * i, i < op.P.Length ? op.P[i] : 0);
        }
    }
}
