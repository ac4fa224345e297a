using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli;

/// <summary>The one JSON convention of every <c>--json</c> output: camelCase names, indented, nulls omitted.</summary>
public static class CliJson
{
    /// <summary>Serializer options for every command's JSON.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The same, leaving out null members (optional sections such as bench's clock).</summary>
    public static JsonSerializerOptions OmitNulls { get; } = new(Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Reads the snake_case records the C benchmark harness prints (<c>KWSBENCH {...}</c>) into the same types.</summary>
    public static JsonSerializerOptions SnakeCaseInput { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
