using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.Reporting;

/// <summary>The whole <c>kwsnano report</c> result: settings and one row per model.</summary>
public sealed record SurveyReport
{
    /// <summary>Test folder the accuracies were measured on, null without evaluation.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }
    /// <summary>Benchmarked cores, in column order (empty without bench).</summary>
    [JsonPropertyName("targets")] public IReadOnlyList<SurveyTarget> Targets { get; init; } = [];
    /// <summary>How the figures were obtained.</summary>
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    /// <summary>One row per model, in the order asked.</summary>
    [JsonPropertyName("models")] public IReadOnlyList<SurveyRow> Rows { get; init; } = [];

    /// <summary>Indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
