using KwsNano.Cli.Firmware;
using KwsNano.Cli.Tuning;
using KwsNano.Firmware;
using KwsNano.VirtualBoard;
using Xunit.Abstractions;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// Consistency oracle for <c>kwsnano tune</c>: with the firmware's default detector setting, the detections tune
/// replays from one pass of the model over a stream (keyword, window end) are exactly the detections the firmware
/// reports on the virtual board for the same audio, on a keyword stream and on a background stream; so are the hits
/// and wrong detections scored from them. The board gets a lead-in of exactly its start-up discard (so its native
/// stream starts at the first sample, as tune's does), no tail, and stream lengths that are whole 80 ms (so whole 40 ms chunks).
/// </summary>
public class TuneOracleTests(ITestOutputHelper output)
{
    private static string Data => Path.Combine(FirmwarePaths.Shared, "audio", "speech_commands_test");

    private static string DefaultConfig(int interval) => DetectorReplay.ConfigText(ActionConfig.DefaultThresholdValue, ActionConfig.DefaultSmoothing,
        ActionConfig.DefaultRefractoryMs, new ActionConfig().ReleaseRatio, interval);

    // model, keyword stream (else background), clips, inference interval in hops
    public static TheoryData<string, bool, int, int> Streams => new()
    {
        { "ds_cnn_s", true, 2, 1 },
        { "ds_cnn_s", false, 20, 1 },
        { "micronet_m", true, 1, 1 },
        { "ds_cnn_s", true, 2, 4 },   // every 4th hop, what a Cortex-M4 at ~200 MHz picks for ds_cnn_s
        { "ds_cnn_s", false, 20, 3 },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void TuneReplayMatchesTheFirmwareOnTheVirtualBoard(string modelName, bool keywordStream, int clips, int interval)
    {
        byte[] blob = FirmwareModels.Get(modelName);
        var model = KwsNano.Kwsm.KwsmReader.Read(blob, modelName);
        var labels = model.Labels.ToArray();
        var keywords = labels.Where(KeywordDetector.IsKeywordLabel).ToArray();
        // clips per keyword (1.5 s each) or per background label (1 s each); silence up to whole 80 ms chunks, so
        // the board processes exactly the same samples
        var built = keywordStream
            ? TuneStreamBuilder.Keywords(Data, keywords, clips, 500, 16000)
            : TuneStreamBuilder.Background(Data, 16000, clips);
        var samples = new short[(built.Samples.Length + 1279) / 1280 * 1280];
        built.Samples.CopyTo(samples, 0);
        var stream = built with { Samples = samples };

        var scores = StreamScorer.Run(blob, model, stream, StreamScorer.Backend.NativeStream);
        var tune = DetectorReplay.Run(scores, labels, ActionConfigParser.Parse(DefaultConfig(interval)));

        var target = FirmwareModels.TargetFor(modelName);
        var profile = BoardProfile.ForTarget(VirtualBoardRunner.TargetName(target))!;
        var audio = AudioFeed.FromSamples(stream.Samples, 16000, leadInMs: profile.StartupDiscardMs, tailMs: 0);
        var r = VirtualBoardRunner.Run(new VirtualBoardRunner.Options(blob, audio, DefaultConfig(interval), target, NativeTimeModel.Fixed(0, 5000)));
        Assert.NotNull(r.Labels);
        Assert.Equal(0, r.Stats.Overruns);
        Assert.Equal((scores.Count + interval - 1) / interval, r.Stats.Inferences);
        var board = r.Lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!)
            .Select(d => (d.Text("kw"), (d.Long("t_us") - d.Long("lat_us") - r.AudioLeadInUs) * 16 / 1000)).ToList();

        output.WriteLine($"{modelName} {(keywordStream ? "keyword" : "background")} stream, interval {interval}, {stream.Seconds} s: tune {tune.Count} detections, board {board.Count}");
        Assert.NotEmpty(tune);
        Assert.Equal(board, tune.Select(d => (d.Label, d.WindowEndSample)).ToList());

        if (keywordStream)
        {
            var boardDetections = board.Select(b => new ReplayDetection(Array.IndexOf(labels, b.Item1), b.Item1, b.Item2, 0f));
            var (boardHits, boardWrong) = TuneScoring.Score(stream, boardDetections);
            var row = TuneScoring.Row(ActionConfig.DefaultThresholdValue, ActionConfig.DefaultSmoothing, stream, keywords, tune, 0, 1);
            Assert.Equal(boardHits.Count(h => h), row.Hits);
            Assert.Equal(boardWrong, row.Wrong);
            Assert.True(row.Hits >= stream.Clips.Count / 2, $"{row.Hits} of {stream.Clips.Count} clips detected");
        }
    }
}
