using KwsNano.Eval;

namespace KwsNano.Tests.Eval;

public class EvalCoreTests
{
    [Fact]
    public void ConfusionMatrixCountsAndAccuracies()
    {
        var m = new ConfusionMatrix(["a", "b", "c"]);
        m.Add(0, 0);
        m.Add(0, 1);
        m.Add(1, 1);
        m.Add(1, 1);
        var other = new ConfusionMatrix(["a", "b", "c"]);
        other.Add(0, 0);
        m.Merge(other);
        Assert.Equal(5, m.Total);
        Assert.Equal(4, m.Correct);
        Assert.Equal(0.8, m.Accuracy, 9);
        Assert.Equal(2.0 / 3, m.ClassAccuracy(0)!.Value, 9);
        Assert.Equal(1.0, m.ClassAccuracy(1));
        Assert.Null(m.ClassAccuracy(2));
        var table = m.ToTextTable().Split('\n');
        Assert.Matches(@"^a\s+2\s+1\s+0$", table[1]);
        Assert.Matches(@"^b\s+0\s+2\s+0$", table[2]);
    }

    [Fact]
    public void DatasetFromCsvResolvesRelativePathsAndReportsBadLines()
    {
        string dir = TestData.NewTempDir();
        File.WriteAllBytes(Path.Combine(dir, "a.wav"), KwsNano.Audio.WavReader.Encode([1, 2]));
        File.WriteAllText(Path.Combine(dir, "ok.csv"), "path,label\n# comment\n\na.wav,yes\n");
        var clips = EvalDataset.Load(Path.Combine(dir, "ok.csv"));
        Assert.Equal([new LabeledClip(Path.Combine(dir, "a.wav"), "yes")], clips);

        File.WriteAllText(Path.Combine(dir, "bad.csv"), "a.wav,yes\nmissing.wav,no\n");
        var e = Assert.Throws<InvalidDataException>(() => EvalDataset.Load(Path.Combine(dir, "bad.csv")));
        Assert.Equal($"{Path.Combine(dir, "bad.csv")}:2: clip 'missing.wav' not found", e.Message);
        File.WriteAllText(Path.Combine(dir, "bad2.csv"), "just-a-path\n");
        Assert.Contains(":1: expected 'path,label'", Assert.Throws<InvalidDataException>(() => EvalDataset.Load(Path.Combine(dir, "bad2.csv"))).Message);
        Assert.Contains("no such folder or CSV file", Assert.Throws<InvalidDataException>(() => EvalDataset.Load(Path.Combine(dir, "none"))).Message);
    }

    [Fact]
    public void DatasetFromTheSpeechCommandsFolderHasTwelveLabels()
    {
        var clips = EvalDataset.Load(Path.Combine(TestData.SharedDir, "audio", "speech_commands_test"));
        Assert.Equal(1500, clips.Count);
        Assert.Equal(12, clips.Select(c => c.Label).Distinct().Count());
        Assert.All(clips.GroupBy(c => c.Label), g => Assert.Equal(125, g.Count()));
    }
}
