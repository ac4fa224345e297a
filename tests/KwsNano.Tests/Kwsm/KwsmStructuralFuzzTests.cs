using System.Buffers.Binary;
using KwsNano.Interpreter;
using KwsNano.Kwsm;

namespace KwsNano.Tests.KwsmFormat;

/// <summary>
/// Random edits of the header and tables with the CRC re-computed: the reader must either refuse with a
/// <see cref="KwsmFormatException"/> or accept a blob that the reference interpreter then runs without a crash.
/// The interpreter additionally refuses (InvalidDataException) placements whose live tensors overlap, which
/// the format leaves to the planner ("readers check bounds, not lifetimes"); that counts as a clean refusal.
/// </summary>
public class KwsmStructuralFuzzTests
{
    [Theory]
    [InlineData("ds_cnn_s.tflite", 1)]
    [InlineData("micronet_m.tflite", 2)]
    [InlineData("ml-examples/dnn_s.tflite", 3)]
    public void EditedTablesAreRefusedOrSafe(string relative, int seed)
    {
        byte[] valid = KwsmTestModels.Blob(relative);
        int tablesEnd = (int)BinaryPrimitives.ReadUInt32LittleEndian(valid.AsSpan(KwsmLayout.DataOffset));
        var rng = new Random(seed);
        int refused = 0, accepted = 0, executed = 0;
        for (int trial = 0; trial < 1500; trial++)
        {
            var b = (byte[])valid.Clone();
            int edits = 1 + rng.Next(3);
            for (int k = 0; k < edits; k++)
            {
                int at = 16 + rng.Next(tablesEnd - 16);
                b[at] = rng.Next(4) switch
                {
                    0 => 0,
                    1 => 0xFF,
                    2 => (byte)(b[at] + 1),
                    _ => (byte)rng.Next(256),
                };
            }
            KwsmWriter.FixCrc(b);
            KwsmModel model;
            try
            {
                model = KwsmReader.Read(b, "fuzz.kwsm");
            }
            catch (KwsmFormatException)
            {
                refused++;
                continue;
            }
            accepted++;
            if (executed >= 5)
            {
                continue; // running every accepted blob would cost minutes; five per model exercise the kernels
            }
            executed++;
            KwsmInterpreter interpreter;
            try
            {
                interpreter = new KwsmInterpreter(model);
            }
            catch (InvalidDataException e)
            {
                Assert.Matches("overlap|live|lifetime", e.Message);
                continue;
            }
            var input = new sbyte[model.Input.Size];
            rng.NextBytes((byte[])(Array)input);
            var output = interpreter.Invoke(input);
            Assert.Equal(model.Output.Size, output.Length);
        }
        Assert.True(refused > 500, $"only {refused} refused");
        Assert.True(executed > 0);
    }
}
