using KwsNano.Audio;
using KwsNano.Cli.Tuning;

namespace KwsNano.Tests.Cli;

/// <summary>The tuning streams and scoring rules on hand-made inputs.</summary>
public class TuneScoringTests
{
    private static TuneStream Stream(params (string Label, long Start)[] clips) =>
        new(new short[100_000], 16000, clips.Select(c => new TuneClip(c.Label, c.Start, "")).ToList());

    private static ReplayDetection Det(string label, long end) => new(0, label, end, 0.9f);

    [Fact]
    public void DetectionIsCreditedToTheClipPlaying200MsBeforeTheWindowEnds()
    {
        var s = Stream(("yes", 0), ("no", 24000));
        Assert.Equal(-1, TuneScoring.ClipAt(s, 3199));
        Assert.Equal(0, TuneScoring.ClipAt(s, 3200));
        Assert.Equal(0, TuneScoring.ClipAt(s, 24000 + 3199));
        Assert.Equal(1, TuneScoring.ClipAt(s, 24000 + 3200));
        var (hit, wrong) = TuneScoring.Score(s, [Det("yes", 3000), Det("yes", 16000), Det("yes", 17000), Det("yes", 27200), Det("no", 27300)]);
        Assert.Equal([true, true], hit);
        Assert.Equal(2, wrong); // before any clip; "yes" while "no" plays. The repeated "yes" of clip 0 is not wrong.
    }

    [Fact]
    public void RowCountsPerKeywordAndFalseDetectionsPerHour()
    {
        var s = Stream(("yes", 0), ("no", 24000), ("yes", 48000));
        var row = TuneScoring.Row(0.8f, 3, s, ["yes", "no"], [Det("yes", 16000), Det("no", 40000)], 3, 1800);
        Assert.Equal(2, row.Hits);
        Assert.Equal(3, row.Clips);
        Assert.Equal([("yes", 2, 1), ("no", 1, 1)], row.PerKeyword);
        Assert.Equal(6.0, row.FalsePerHour, 9);
        Assert.Equal(2.0 / 3, row.DetectionRate, 9);
    }

    [Fact]
    public void RecommendationIsTheBestDetectionRateUnderTheLimitWithTiesToFewerFalseThenWrong()
    {
        TuneRow R(float t, int hits, int wrong, int falses) => new(t, 1, 10, hits, [], wrong, falses, 3600);
        var rows = new[] { R(0.5f, 10, 0, 50), R(0.6f, 8, 3, 5), R(0.7f, 8, 1, 5), R(0.8f, 8, 0, 4), R(0.9f, 6, 0, 0) };
        Assert.Equal(0.8f, TuneScoring.Recommend(rows, 10)!.Threshold);
        Assert.Equal(0.5f, TuneScoring.Recommend(rows, 50)!.Threshold); // the limit is inclusive
        Assert.Equal(0.9f, TuneScoring.Recommend(rows, 0)!.Threshold);
        Assert.Null(TuneScoring.Recommend([R(0.5f, 10, 0, 1)], 0.5));
    }

    [Fact]
    public void KeywordStreamInterleavesPadsCutsAndLeavesGaps()
    {
        string dir = TestData.NewTempDir();
        void Write(string label, string name, int length, short value)
        {
            Directory.CreateDirectory(Path.Combine(dir, label));
            File.WriteAllBytes(Path.Combine(dir, label, name), WavReader.Encode(Enumerable.Repeat(value, length).ToArray()));
        }
        Write("a", "1.wav", 20000, 100); // cut to 1 s
        Write("a", "2.wav", 8000, 101);  // padded
        Write("a", "3.wav", 16000, 102);
        Write("b", "1.wav", 16000, 200);
        Write("_unknown_", "x.wav", 4000, 7);
        Write("_silence_", "y.wav", 16000, 8);
        var s = TuneStreamBuilder.Keywords(dir, ["a", "b", "c"], 2, 250, 16000);
        Assert.Equal([("a", 0L), ("b", 20000L), ("a", 40000L)], s.Clips.Select(c => (c.Label, c.StartSample)));
        Assert.Equal(60000, s.Samples.Length);
        Assert.Equal(100, s.Samples[15999]);
        Assert.Equal(0, s.Samples[16000]); // gap
        Assert.Equal(200, s.Samples[20000]);
        Assert.Equal(101, s.Samples[40000 + 7999]);
        Assert.Equal(0, s.Samples[40000 + 8000]); // padding
        var bg = TuneStreamBuilder.Background(dir, 16000);
        Assert.Equal([("_unknown_", 0L), ("_silence_", 16000L)], bg.Clips.Select(c => (c.Label, c.StartSample)));
        Assert.Equal(32000, bg.Samples.Length);
        Assert.Equal(7, bg.Samples[3999]);
        Assert.Equal(0, bg.Samples[4000]);
        Assert.Equal(8, bg.Samples[16000]);
        Assert.Single(TuneStreamBuilder.Background(dir, 16000, 1).Clips, c => c.Label == "_unknown_");
    }
}
