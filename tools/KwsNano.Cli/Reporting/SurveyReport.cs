using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.Reporting;

/// <summary>The whole <c>kwsnano report</c> result: settings and one row per model.</summary>
public sealed record SurveyReport
{
    /// <summary>Test folder the accuracies were measured on, null without evaluation.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }
    /// <summary>Core of the instruction counts (m4 ...), null without bench.</summary>
    [JsonPropertyName("cpu")] public string? Cpu { get; init; }
    /// <summary>Clock the milliseconds assume.</summary>
    [JsonPropertyName("clock_mhz")] public double ClockMhz { get; init; }
    /// <summary>How the figures were obtained.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    /// <summary>Engine code in flash (text + rodata + data of the Cortex-M engine and front-end libraries), null without bench.</summary>
    [JsonPropertyName("engine_code_bytes")] public long? EngineCodeBytes { get; init; }
    /// <summary>One row per model, in the order asked.</summary>
    [JsonPropertyName("models")] public IReadOnlyList<SurveyRow> Rows { get; init; } = [];

    /// <summary>Indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
