using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Tests.NativeHost;

/// <summary>
/// The native loader and the C# reader apply the same validation rules: seeded random corruptions of the
/// header and tables (CRC recomputed so the structural checks run) are accepted by both or refused by both
/// with the same error class.
/// </summary>
public class NativeLoaderAgreementTests
{
    [Theory]
    [InlineData("ds_cnn_s.tflite", 1)]
    [InlineData("micronet_m.tflite", 2)]
    [InlineData("ml-examples/dnn_s.tflite", 3)]
    public void RandomStructuralCorruptionsGetTheSameVerdict(string relative, int seed)
    {
        var (_, blob) = NativeTestModels.Get(relative);
        int dataOffset = BitConverter.ToInt32(blob, 52);
        var rng = new Random(seed);
        int refused = 0;
        var statuses = new HashSet<KwsStatus>();
        for (int trial = 0; trial < 400; trial++)
        {
            var copy = (byte[])blob.Clone();
            int edits = 1 + rng.Next(2);
            for (int k = 0; k < edits; k++)
            {
                int at = 16 + rng.Next(dataOffset - 16); // header after the CRC, labels, front-end, tables
                copy[at] = rng.Next(3) switch
                {
                    0 => (byte)rng.Next(256),
                    1 => (byte)(copy[at] ^ (1 << rng.Next(8))),
                    _ => (byte)(copy[at] + (rng.Next(2) == 0 ? 1 : -1)),
                };
            }
            KwsmWriter.FixCrc(copy);

            KwsStatus? managed = null;
            try
            {
                KwsmReader.Read(copy, "case");
            }
            catch (KwsmFormatException e)
            {
                managed = (KwsStatus)(int)e.Error;
            }
            KwsStatus status = NativeEngine.Validate(copy);
            KwsStatus? native = status == KwsStatus.Ok ? null : status;
            Assert.True(managed == native,
                $"{relative} trial {trial}: C# reader {managed?.ToString() ?? "accepts"}, native loader {native?.ToString() ?? "accepts"}");
            if (native != null)
            {
                refused++;
                statuses.Add(native.Value);
            }
        }
        Assert.True(refused > 100, $"only {refused} of 400 corruptions refused");
        Assert.True(statuses.Count >= 5, $"only {statuses.Count} distinct statuses: {string.Join(",", statuses)}");
    }
}
