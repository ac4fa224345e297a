using System.Buffers.Binary;
using KwsNano.Kwsm;
using KwsNano.Native;
using KwsNano.Tests.NativeHost;
using Xunit.Abstractions;

namespace KwsNano.Tests.KwsmFormat;

/// <summary>
/// Structural cross-check of the two readers: every field of every record (header, labels, front-end
/// descriptor, each tensor, each op) of converted shared models is set to each of a table of edge values, the
/// CRC recomputed, and the C loader (libkwsnano, <c>kws_model_open</c>) and the C# <see cref="KwsmReader"/>
/// must report the same status. The cases that disagreed before the rule sets were unified are
/// <see cref="FormerDisagreementsAgree"/>.
/// </summary>
public class KwsmCrossCheckTests(ITestOutputHelper output)
{
    private enum W { U8, U16, U32, F32 }

    private static readonly (int Offset, W Width)[] HeaderFields =
    [
        (KwsmLayout.VersionMajor, W.U16), (KwsmLayout.VersionMinor, W.U16), (KwsmLayout.TotalSize, W.U32),
        (KwsmLayout.Flags, W.U32), (KwsmLayout.ArenaBytes, W.U32), (KwsmLayout.TensorCount, W.U16),
        (KwsmLayout.OpCount, W.U16), (KwsmLayout.InputTensor, W.U16), (KwsmLayout.OutputTensor, W.U16),
        (KwsmLayout.LabelsOffset, W.U32), (KwsmLayout.LabelsSize, W.U32), (KwsmLayout.FrontendOffset, W.U32),
        (KwsmLayout.TensorsOffset, W.U32), (KwsmLayout.OpsOffset, W.U32), (KwsmLayout.DataOffset, W.U32),
        (KwsmLayout.DataSize, W.U32), (60, W.U32),
    ];

    private static readonly (int Offset, W Width)[] FrontendFields =
    [
        (KwsmFrontendRules.OffKind, W.U8), (KwsmFrontendRules.OffWindow, W.U8), (KwsmFrontendRules.OffSampleScaling, W.U8),
        (KwsmFrontendRules.OffLogMode, W.U8), (KwsmFrontendRules.OffSampleRate, W.U32), (KwsmFrontendRules.OffFrameLength, W.U16),
        (KwsmFrontendRules.OffFrameHop, W.U16), (KwsmFrontendRules.OffFftSize, W.U16), (KwsmFrontendRules.OffMelBins, W.U16),
        (KwsmFrontendRules.OffMelLowHz, W.F32), (KwsmFrontendRules.OffMelHighHz, W.F32), (KwsmFrontendRules.OffNumCoeffs, W.U16),
        (KwsmFrontendRules.OffNumFrames, W.U16), (KwsmFrontendRules.OffInputScale, W.F32), (KwsmFrontendRules.OffInputZeroPoint, W.U32),
        (KwsmFrontendRules.OffSpectrum, W.U8), (KwsmFrontendRules.OffMelFormula, W.U8), (KwsmFrontendRules.OffDct, W.U8),
        (39, W.U8), (KwsmFrontendRules.OffPreset, W.U8), (KwsmFrontendRules.OffPreset + 1, W.U8), (KwsmFrontendRules.OffPreset + 15, W.U8),
        (KwsmFrontendTables.OffTablesOffset, W.U32), (KwsmFrontendTables.OffTablesSize, W.U32),
    ];

    // The front-end tables section (1.2): header fields, then per directory entry its offset and size, then the first
    // bytes of each table (more of the contents: KwsmFrontendTablesTests).
    private static readonly (int Offset, W Width)[] TablesHeaderFields =
    [
        (KwsmFrontendTables.OffMagic, W.U8), (KwsmFrontendTables.OffKind, W.U8), (KwsmFrontendTables.OffCount, W.U8), (6, W.U16),
        (KwsmFrontendTables.OffSampleRate, W.U32), (KwsmFrontendTables.OffFrameLength, W.U16), (KwsmFrontendTables.OffFftSize, W.U16),
        (KwsmFrontendTables.OffMelBins, W.U16), (KwsmFrontendTables.OffNumCoeffs, W.U16), (KwsmFrontendTables.OffMelLowHz, W.F32),
        (KwsmFrontendTables.OffMelHighHz, W.F32), (KwsmFrontendTables.OffWindow, W.U8), (KwsmFrontendTables.OffMelFormula, W.U8),
        (KwsmFrontendTables.OffDct, W.U8), (31, W.U8),
    ];

    private static readonly (int Offset, W Width)[] TensorFields =
    [
        (KwsmLayout.TType, W.U8), (KwsmLayout.TRank, W.U8), (KwsmLayout.TFlags, W.U16), (KwsmLayout.TDims, W.U16),
        (KwsmLayout.TDims + 2, W.U16), (KwsmLayout.TDims + 4, W.U16), (KwsmLayout.TDims + 6, W.U16),
        (KwsmLayout.TArenaOffset, W.U32), (KwsmLayout.TSize, W.U32), (KwsmLayout.TScale, W.F32),
        (KwsmLayout.TZeroPoint, W.U32), (28, W.U32),
    ];

    private static readonly (int Offset, W Width)[] OpFields = BuildOpFields();

    private static (int, W)[] BuildOpFields()
    {
        var f = new List<(int, W)>
        {
            (KwsmLayout.OOpcode, W.U8), (KwsmLayout.OLayout, W.U8), (KwsmLayout.OActivation, W.U8), (KwsmLayout.OPadding, W.U8),
        };
        for (int o = KwsmLayout.OInput0; o < KwsmLayout.OActMin; o += 2) f.Add((o, W.U16));
        for (int o = KwsmLayout.OActMin; o < KwsmLayout.OpRecordSize; o += 4) f.Add((o, W.U32));
        return f.ToArray();
    }

    private static IEnumerable<uint> Values(W w, uint old)
    {
        var v = new List<uint> { 0, 1, 2, 3, old - 1, old + 1, old * 2, old / 2, old ^ 0x80 };
        switch (w)
        {
            case W.U8: v.AddRange([4, 9, 63, 64, 127, 128, 255]); return v.Select(x => x & 0xFF).Distinct();
            case W.U16: v.AddRange([4, 16, 127, 128, 129, 255, 256, 4096, 8192, 0x7FFF, 0x8000, 0xFFFF]); return v.Select(x => x & 0xFFFF).Distinct();
            case W.F32:
                return new[] { 0f, -1f, float.NaN, float.PositiveInfinity, 1f / 256, 1e-30f, 8000f, 8001f,
                        BitConverter.UInt32BitsToSingle(old) * 2, BitConverter.UInt32BitsToSingle(old) / 2 }
                    .Select(BitConverter.SingleToUInt32Bits).Append(old + 1).Append(old - 1).Distinct();
            default: v.AddRange([16, 999, 1000, 16000, 192001, 0x3FFFFFFF, 0x40000000, 0x7FFFFFF0, 0x7FFFFFFF, 0x80000000, 0xFFFFFF80, 0xFFFFFFFF]); return v.Distinct();
        }
    }

    private static uint Read(byte[] b, int at, W w) => w switch
    {
        W.U8 => b[at],
        W.U16 => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)),
        _ => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)),
    };

    private static void Write(byte[] b, int at, W w, uint v)
    {
        switch (w)
        {
            case W.U8: b[at] = (byte)v; break;
            case W.U16: BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), (ushort)v); break;
            default: BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v); break;
        }
    }

    /// <summary>Every (absolute offset, width) field of the blob's records.</summary>
    private static IEnumerable<(string Where, int Offset, W Width)> Fields(byte[] blob)
    {
        int U32(int at) => BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(at));
        int U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(at));
        foreach (var (o, w) in HeaderFields) yield return ($"header+{o}", o, w);
        int labels = U32(KwsmLayout.LabelsOffset);
        yield return ("labels count", labels, W.U16);
        for (int i = 0, p = labels + 2; i < U16(labels); i++, p += 1 + blob[p])
        {
            yield return ($"label {i} length", p, W.U8);
            yield return ($"label {i} byte 0", p + 1, W.U8);
        }
        int fe = U32(KwsmLayout.FrontendOffset);
        foreach (var (o, w) in FrontendFields) yield return ($"front-end+{o}", fe + o, w);
        int fet = U32(fe + KwsmFrontendTables.OffTablesOffset);
        if (U32(fe + KwsmFrontendTables.OffTablesSize) != 0)
        {
            foreach (var (o, w) in TablesHeaderFields) yield return ($"front-end tables+{o}", fet + o, w);
            for (int i = 0; i < blob[fet + KwsmFrontendTables.OffCount]; i++)
            {
                int dir = fet + KwsmFrontendTables.HeaderSize + 8 * i;
                yield return ($"front-end table {i} offset", dir, W.U32);
                yield return ($"front-end table {i} size", dir + 4, W.U32);
                yield return ($"front-end table {i} first word", fet + U32(dir), W.U32);
                yield return ($"front-end table {i} first half word", fet + U32(dir), W.U16);
            }
        }
        int tensors = U32(KwsmLayout.TensorsOffset);
        for (int t = 0; t < U16(KwsmLayout.TensorCount); t++)
        {
            foreach (var (o, w) in TensorFields) yield return ($"tensor {t}+{o}", tensors + 32 * t + o, w);
        }
        int ops = U32(KwsmLayout.OpsOffset);
        for (int i = 0; i < U16(KwsmLayout.OpCount); i++)
        {
            foreach (var (o, w) in OpFields) yield return ($"op {i}+{o}", ops + 96 * i + o, w);
        }
    }

    private static KwsStatus Managed(byte[] blob)
    {
        try
        {
            KwsmReader.Read(blob, "case");
            return KwsStatus.Ok;
        }
        catch (KwsmFormatException e)
        {
            return (KwsStatus)(int)e.Error;
        }
    }

    [Theory]
    [InlineData("ds_cnn_s.tflite")]
    [InlineData("micro_speech.tflite")]
    [InlineData("ml-examples/dnn_s.tflite")]
    public void EverySingleFieldEditGetsTheSameStatusFromBothReaders(string relative)
    {
        var (_, blob) = NativeTestModels.Get(relative);
        int cases = 0;
        var disagreements = new List<string>();
        var statuses = new Dictionary<KwsStatus, int>();
        foreach (var (where, at, w) in Fields(blob))
        {
            uint old = Read(blob, at, w);
            foreach (uint v in Values(w, old))
            {
                if (v == old)
                {
                    continue;
                }
                var copy = (byte[])blob.Clone();
                Write(copy, at, w, v);
                KwsmWriter.FixCrc(copy);
                KwsStatus managed = Managed(copy), native = NativeEngine.Validate(copy);
                cases++;
                statuses[native] = statuses.GetValueOrDefault(native) + 1;
                if (managed != native)
                {
                    disagreements.Add($"{where} = 0x{v:X} (was 0x{old:X}): C# {managed}, C {native}");
                }
            }
        }
        output.WriteLine($"{relative}: {cases} single-field edits, {disagreements.Count} disagreements; C statuses: " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {cases} edits disagree:\n" + string.Join("\n", disagreements.Take(40)));
        Assert.True(cases > 2000, $"only {cases} edits");
        Assert.True(statuses.Count >= 10, $"only {statuses.Count} distinct statuses");
        Assert.True(statuses.GetValueOrDefault(KwsStatus.Frontend) > 50, "too few front-end refusals");
    }

    /// <summary>
    /// The same single-field edits on a blob with a fused pair (format 1.2, the small plan of micronet_m: FUSED_NEXT on
    /// op 0, its output tensor VIRTUAL), restricted to the tensor records and the two fused ops' records.
    /// </summary>
    [Fact]
    public void FusedPairFieldEditsGetTheSameStatusFromBothReaders()
    {
        byte[] blob = KwsNano.Conversion.ModelLoader.Load(TestData.ModelPath("micronet_m.tflite"), new KwsNano.Conversion.ConversionOptions { InPlace = true }).Blob;
        int cases = 0;
        var disagreements = new List<string>();
        foreach (var (where, at, w) in Fields(blob).Where(f => f.Where.StartsWith("tensor ", StringComparison.Ordinal) ||
                                                               f.Where.StartsWith("op 0+", StringComparison.Ordinal) ||
                                                               f.Where.StartsWith("op 1+", StringComparison.Ordinal)))
        {
            uint old = Read(blob, at, w);
            foreach (uint v in Values(w, old).Where(v => v != old))
            {
                var copy = (byte[])blob.Clone();
                Write(copy, at, w, v);
                KwsmWriter.FixCrc(copy);
                KwsStatus managed = Managed(copy), native = NativeEngine.Validate(copy);
                cases++;
                if (managed != native)
                {
                    disagreements.Add($"{where} = 0x{v:X} (was 0x{old:X}): C# {managed}, C {native}");
                }
            }
        }
        output.WriteLine($"micronet_m small plan: {cases} single-field edits, {disagreements.Count} disagreements");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {cases} edits disagree:\n" + string.Join("\n", disagreements.Take(40)));
        Assert.True(cases > 500, $"only {cases} edits");
    }

    /// <summary>
    /// The classes of cases that disagreed (issue 11: 142 of 93,664 edits): an output tensor whose last dim is 0
    /// (C# said Labels, C Tensor), an input tensor with a zero dim or more than 2^32-1 elements (C# Frontend, C
    /// Tensor), and descriptors the device front-end refused but both loaders accepted (mel_bins 129, hop >
    /// frame_length, fft_size 8192, frame_length 1). Each must now be the given status in both readers; on the code
    /// before the fix 7 of these 9 failed ("output first dim 0" and "input dim 3 = 0" are controls that agreed).
    /// </summary>
    [Theory]
    [InlineData("output last dim 0", "output", KwsmLayout.TDims + 2, 0, KwsStatus.Tensor)]
    [InlineData("output first dim 0", "output", KwsmLayout.TDims, 0, KwsStatus.Tensor)]
    [InlineData("input dim 1 = 0", "input", KwsmLayout.TDims + 2, 0, KwsStatus.Tensor)]
    [InlineData("input dim 3 = 0", "input", KwsmLayout.TDims + 6, 0, KwsStatus.Tensor)]
    [InlineData("input > 2^32-1 elements", "input-huge", 0, 0, KwsStatus.Tensor)]
    [InlineData("mel_bins 129", "frontend", KwsmFrontendRules.OffMelBins, 129, KwsStatus.Frontend)]
    [InlineData("frame_hop 641 > frame_length 640", "frontend", KwsmFrontendRules.OffFrameHop, 641, KwsStatus.Frontend)]
    [InlineData("fft_size 8192", "frontend", KwsmFrontendRules.OffFftSize, 8192, KwsStatus.Frontend)]
    [InlineData("frame_length 1", "frontend", KwsmFrontendRules.OffFrameLength, 1, KwsStatus.Frontend)]
    public void FormerDisagreementsAgree(string what, string record, int field, int value, KwsStatus expected)
    {
        var (model, blob) = NativeTestModels.Get("ds_cnn_s.tflite");
        int tensors = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(KwsmLayout.TensorsOffset));
        int fe = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(KwsmLayout.FrontendOffset));
        int input = tensors + 32 * model.InputTensor, outputRec = tensors + 32 * model.OutputTensor;
        switch (record)
        {
            case "output": BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(outputRec + field), (ushort)value); break;
            case "input": BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(input + field), (ushort)value); break;
            case "input-huge":
                blob[input + KwsmLayout.TRank] = 4;
                // [65535, 65535, 65535, 2]: 5.6e14 elements, more than 2^32-1 (and, unlike 65535^4, no 64-bit overflow)
                for (int d = 0; d < 4; d++) BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(input + KwsmLayout.TDims + 2 * d), (ushort)(d < 3 ? 65535 : 2));
                break;
            case "frontend": BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(fe + field), (ushort)value); break;
        }
        KwsmWriter.FixCrc(blob);
        Assert.Equal(expected, NativeEngine.Validate(blob));
        Assert.True(Managed(blob) == expected, $"{what}: C# reader {Managed(blob)}");
    }
}
