using KwsNano.Conversion;
using KwsNano.Kwsm;
using KwsNano.TFLite;

namespace KwsNano.Tests.Converter;

public class ConvertAllModelsTests
{
    /// <summary>Every supported shared model (all .tflite files except unsupported/).</summary>
    public static IEnumerable<object[]> SupportedModels() =>
        Directory.EnumerateFiles(TestData.ModelsDir, "*.tflite", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "unsupported" + Path.DirectorySeparatorChar))
            .Select(f => Path.GetRelativePath(TestData.ModelsDir, f))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Fact]
    public void SharedModelSetIsComplete()
    {
        Assert.Equal(9, SupportedModels().Count());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(TestData.ModelsDir, "unsupported"), "*.tflite").Length);
    }

    [Theory]
    [MemberData(nameof(SupportedModels))]
    public void ConvertsWritesAndReadsBackIdentically(string relative)
    {
        var result = TfliteConverter.ConvertFile(TestData.ModelPath(relative));
        var model = result.Model;
        byte[] blob = KwsmWriter.Write(model);
        var back = KwsmReader.Read(blob, relative);
        byte[] again = KwsmWriter.Write(back);
        Assert.Equal(blob, again);
        Assert.Equal(model.Ops.Count, back.Ops.Count);
        Assert.Equal(model.Output.Channels, back.Labels.Count);
        Assert.True(model.ArenaBytes > 0 && model.ArenaBytes % 16 == 0);
    }

    [Theory]
    [InlineData("unsupported/basic_lstm_s.tflite", "SHAPE")]
    [InlineData("unsupported/keyword_scrambled_8bit.tflite", "SVDF")]
    public void UnsupportedModelsNameTheFirstUnsupportedOperator(string relative, string op)
    {
        var e = Assert.Throws<UnsupportedModelException>(() => TfliteConverter.ConvertFile(TestData.ModelPath(relative)));
        Assert.Equal(op, e.OperatorName);
        Assert.Contains($"({op}) is not supported", e.Message);
        Assert.StartsWith(Path.GetFileName(relative) + ": operator ", e.Message);
    }
}
