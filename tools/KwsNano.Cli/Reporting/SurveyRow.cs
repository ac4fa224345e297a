using System.Text.Json.Serialization;

namespace KwsNano.Cli.Reporting;

/// <summary>One model's line of the survey table (<c>kwsnano report</c>), every figure measured or read from the model.</summary>
public sealed record SurveyRow
{
    /// <summary>Catalog id (or file name).</summary>
    [JsonPropertyName("model")] public string Model { get; init; } = "";
    /// <summary>The catalog's description.</summary>
    [JsonPropertyName("architecture")] public string Architecture { get; init; } = "";
    /// <summary>DNN, CNN, DS-CNN, MicroNet, TinyConv (micro_speech) or "-".</summary>
    [JsonPropertyName("family")] public string Family { get; init; } = "";
    /// <summary>S, M or L from the description, else "-".</summary>
    [JsonPropertyName("sizeClass")] public string SizeClass { get; init; } = "";
    /// <summary>Weights and biases.</summary>
    [JsonPropertyName("parameters")] public long Parameters { get; init; }
    /// <summary>Multiply-accumulates per inference.</summary>
    [JsonPropertyName("macs")] public long Macs { get; init; }
    /// <summary>4 bytes per parameter: the float32 model's weights.</summary>
    [JsonPropertyName("float32Bytes")] public long Float32Bytes { get; init; }
    /// <summary>The int8 .tflite file.</summary>
    [JsonPropertyName("tfliteBytes")] public long TfliteBytes { get; init; }
    /// <summary>The packed .kwsm (what the device keeps in flash).</summary>
    [JsonPropertyName("kwsmBytes")] public long KwsmBytes { get; init; }
    /// <summary>100 (1 - tflite / float32).</summary>
    [JsonPropertyName("tfliteSmallerPct")] public double TfliteSmallerPercent => Float32Bytes == 0 ? 0 : 100.0 * (1 - (double)TfliteBytes / Float32Bytes);
    /// <summary>100 (1 - kwsm / float32).</summary>
    [JsonPropertyName("kwsmSmallerPct")] public double KwsmSmallerPercent => Float32Bytes == 0 ? 0 : 100.0 * (1 - (double)KwsmBytes / Float32Bytes);
    /// <summary>Clips evaluated (those whose label is a class of the model), null without evaluation.</summary>
    [JsonPropertyName("clips")] public int? Clips { get; init; }
    /// <summary>Correct top-1 predictions.</summary>
    [JsonPropertyName("correct")] public int? Correct { get; init; }
    /// <summary>Top-1 accuracy in %.</summary>
    [JsonPropertyName("top1Pct")] public double? Top1Percent => Clips is > 0 ? 100.0 * Correct!.Value / Clips.Value : null;
    /// <summary>The publisher's stated accuracy (catalog), if any.</summary>
    [JsonPropertyName("publishedPct")] public double? PublishedPercent { get; init; }
    /// <summary>Benchmark figures per core, in the report's target order (empty without bench).</summary>
    [JsonPropertyName("bench")] public IReadOnlyList<SurveyBench> Bench { get; init; } = [];
    /// <summary>Activation arena of kws_invoke.</summary>
    [JsonPropertyName("arenaBytes")] public long ArenaBytes { get; init; }
    /// <summary>Everything a streaming device needs in RAM (kws_stream_buffer_size: arena, front-end, FIFO, ring), null without libkwsnano.</summary>
    [JsonPropertyName("streamBytes")] public long? StreamBytes { get; init; }
}
