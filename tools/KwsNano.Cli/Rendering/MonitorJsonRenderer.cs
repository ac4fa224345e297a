using System.Text.Json;
using KwsNano.Cli.Firmware;

namespace KwsNano.Cli.Rendering;

/// <summary>The summary of <c>kwsnano monitor --json</c> (camelCase, as every <c>--json</c>; times in microseconds).</summary>
public static class MonitorJsonRenderer
{
    /// <summary>Writes <paramref name="s"/> as one JSON document; <paramref name="plot"/> is the histogram written, if any.</summary>
    public static void Render(MonitorSummary s, string? plot, TextWriter o)
    {
        var lat = s.Latency;
        var doc = new
        {
            source = s.Source,
            interrupted = s.Interrupted,
            lines = s.Lines,
            records = s.Records,
            otherLines = s.OtherLines,
            malformedLines = s.MalformedLines,
            boots = s.Boots,
            reconnects = s.Reconnects,
            detections = lat.Count,
            perKeyword = s.PerKeyword.ToDictionary(kv => kv.Key, kv => kv.Value),
            latencyUs = lat.Count == 0 ? null : new { p50 = lat.Percentile(50), p90 = lat.Percentile(90), p99 = lat.Percentile(99), mean = lat.Mean, max = lat.Max },
            overruns = s.Overruns,
            errors = s.Errors,
            device = s.Device is { } d ? new
            {
                timeUs = d.TimeUs,
                inferences = d.Inferences,
                detections = d.Detections,
                latencyMeanUs = d.LatencyMeanUs,
                latencyMaxUs = d.LatencyMaxUs,
                overruns = d.Overruns,
                errors = d.Errors,
                freeBytes = d.FreeBytes,
            } : null,
            histogram = plot,
        };
        o.WriteLine(JsonSerializer.Serialize(doc, CliJson.Options));
        o.Flush();
    }
}
