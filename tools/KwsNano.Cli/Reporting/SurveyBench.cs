using System.Text.Json.Serialization;

namespace KwsNano.Cli.Reporting;

/// <summary>One model on one benchmarked core: what <c>kwsnano bench</c> measures, and the estimated time.</summary>
public sealed record SurveyBench
{
    /// <summary>Core (m4, rv32imc ...).</summary>
    [JsonPropertyName("cpu")] public string Cpu { get; init; } = "";
    /// <summary>Instructions of one inference (QEMU -icount).</summary>
    [JsonPropertyName("instructions")] public long Instructions { get; init; }
    /// <summary>Estimated milliseconds at the target's clock and CPI.</summary>
    [JsonPropertyName("ms")] public double Milliseconds { get; init; }
    /// <summary>Peak stack of kws_invoke.</summary>
    [JsonPropertyName("stackBytes")] public long StackBytes { get; init; }
}
