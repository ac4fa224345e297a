using System.Text.Json.Serialization;
using KwsNano.Cli.CortexM;

namespace KwsNano.Cli.Reporting;

/// <summary>A benchmarked core of a report: its name, the clock of the estimates, and the engine's code size there.</summary>
public sealed record SurveyTarget
{
    /// <summary>Core (m4, rv32imc ...).</summary>
    [JsonPropertyName("cpu")] public string Cpu { get; init; } = "";
    /// <summary>Display name (Cortex-M4, RISC-V rv32imc ...).</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>Clock and CPI the milliseconds assume (as <c>kwsnano bench</c> states them).</summary>
    [JsonPropertyName("clock")] public BenchClock Clock { get; init; } = new();
    /// <summary>Engine code in flash (text + rodata + data of the engine and front-end libraries).</summary>
    [JsonPropertyName("engineCodeBytes")] public long EngineCodeBytes { get; init; }
}
