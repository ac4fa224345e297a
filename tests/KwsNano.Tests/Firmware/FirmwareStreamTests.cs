using KwsNano.Cli.Firmware;
using KwsNano.VirtualBoard;
using Xunit.Abstractions;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// Long streams through the firmware on the virtual board (ds_cnn_s, fixed 5 ms per inference): false detections
/// on every _unknown_ and _silence_ test clip back to back, and the detection rate per keyword on keyword clips
/// separated by short silences. The figures are printed; the floors are loose guards against regressions.
/// </summary>
public class FirmwareStreamTests(ITestOutputHelper output)
{
    private const int ClipsPerKeyword = 10;
    private const int GapMs = 500;
    private static readonly string[] Keywords = ["yes", "no", "up", "down", "left", "right", "on", "off", "stop", "go"];

    private static string ClipDir(string label) => Path.Combine(FirmwarePaths.Shared, "audio", "speech_commands_test", label);

    private static short[] Clip(string path)
    {
        var wav = KwsNano.Audio.WavReader.Read(path);
        var (s, rate) = (wav.Samples, wav.SampleRate);
        Assert.Equal(16000, rate);
        var one = new short[16000];
        Array.Copy(s, one, Math.Min(s.Length, one.Length));
        return one;
    }

    [Fact]
    public void FalseDetectionsOnUnknownAndSilence()
    {
        var files = new[] { "_unknown_", "_silence_" }.SelectMany(l => Directory.GetFiles(ClipDir(l), "*.wav").OrderBy(f => f, StringComparer.Ordinal)).ToList();
        Assert.Equal(250, files.Count);
        var audio = files.SelectMany(Clip).ToArray();
        var r = FirmwareEndToEndTests.Run("ds_cnn_s", AudioFeed.FromSamples(audio));
        var dets = r.Lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!).ToList();
        double hours = audio.Length / 16000.0 / 3600.0;
        double perHour = dets.Count / hours;
        output.WriteLine($"ds_cnn_s false detections: {dets.Count} in {audio.Length / 16000.0:F0} s of _unknown_ and _silence_ clips = {perHour:F0} per hour ({string.Join(", ", dets.GroupBy(d => d.Text("kw")).Select(g => $"{g.Key} {g.Count()}"))})");
        Assert.Equal(0, r.Stats.Overruns);
        Assert.True(r.Stats.Inferences > audio.Length / 320 - 100);
        // Measured with the default detector (0.75, smoothing 10 hops): 36 (about 520 per hour; the _unknown_ clips
        // are other words, many close to keywords); 53 with the first default (smoothing 5). Guard: at most 50, so a
        // regression of the detector, its defaults or the engine shows.
        Assert.InRange(dets.Count, 0, 50);
    }

    [Fact]
    public void DetectionRatePerKeyword()
    {
        var starts = new List<(string Label, long StartSample)>();
        var audio = new List<short>();
        var gap = new short[16 * GapMs];
        foreach (var kw in Keywords)
        {
            foreach (var f in Directory.GetFiles(ClipDir(kw), "*.wav").OrderBy(f => f, StringComparer.Ordinal).Take(ClipsPerKeyword))
            {
                starts.Add((kw, audio.Count));
                audio.AddRange(Clip(f));
                audio.AddRange(gap);
            }
        }
        // Interleave keywords so neighbours differ: order clip k of every keyword before clip k + 1.
        var r = FirmwareEndToEndTests.Run("ds_cnn_s", AudioFeed.FromSamples(Interleave(audio, starts, out var order)));
        var dets = r.Lines.Select(SerialLogParser.Parse).Where(x => x?.Type == "DET").Select(x => x!).ToList();
        var hit = new bool[order.Count];
        int wrong = 0;
        foreach (var d in dets)
        {
            long windowEndSample = (d.Long("t_us") - d.Long("lat_us") - r.AudioLeadInUs) * 16 / 1000;
            int clip = order.FindLastIndex(c => c.StartSample <= windowEndSample - 3200); // word at least 200 ms into the window
            if (clip >= 0 && order[clip].Label == d.Text("kw"))
            {
                hit[clip] = true;
            }
            else
            {
                wrong++;
            }
        }
        var lines = new List<string>();
        foreach (var kw in Keywords)
        {
            var idx = Enumerable.Range(0, order.Count).Where(i => order[i].Label == kw).ToList();
            double rate = idx.Count(i => hit[i]) / (double)idx.Count;
            lines.Add($"{kw} {rate:P0}");
            Assert.True(rate >= 0.4, $"{kw}: detection rate {rate:P0} below 40%");
        }
        double overall = hit.Count(h => h) / (double)hit.Length;
        output.WriteLine($"ds_cnn_s detection rate, {ClipsPerKeyword} clips per keyword, {GapMs} ms gaps: overall {overall:P1}; {string.Join(", ", lines)}; wrong or extra detections {wrong}");
        Assert.True(overall >= 0.7, $"overall detection rate {overall:P1} below 70%"); // measured 82 % (81 % with smoothing 5)
        Assert.True(wrong <= order.Count * 20 / 100, $"{wrong} wrong or extra detections for {order.Count} clips"); // measured 13 (25 with smoothing 5)
    }

    private static short[] Interleave(List<short> audio, List<(string Label, long StartSample)> starts, out List<(string Label, long StartSample)> order)
    {
        int segment = 16000 + 16 * GapMs;
        var byKeyword = starts.GroupBy(s => s.Label).Select(g => g.ToList()).ToList();
        var result = new List<short>();
        order = [];
        for (int k = 0; k < ClipsPerKeyword; k++)
        {
            foreach (var list in byKeyword)
            {
                var s = list[k];
                order.Add((s.Label, result.Count));
                result.AddRange(audio.GetRange((int)s.StartSample, segment));
            }
        }
        return [.. result];
    }
}
