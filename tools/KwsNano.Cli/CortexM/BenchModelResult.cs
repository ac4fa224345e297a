using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>What the benchmark firmware reports for one model (its "KWSBENCH {json}" line).</summary>
public sealed record BenchModelResult
{
    /// <summary>Prefix of the machine-readable line the firmware prints.</summary>
    public const string LinePrefix = "KWSBENCH ";

    /// <summary>Model name.</summary>
    public string Model { get; init; } = "";

    /// <summary>Core the firmware was built for.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>Size of the .kwsm blob in flash.</summary>
    public long BlobBytes { get; init; }

    /// <summary>Activation arena the model needs.</summary>
    public long ArenaBytes { get; init; }

    /// <summary>Peak stack of kws_invoke (painted).</summary>
    public long StackBytes { get; init; }

    /// <summary>Instructions of kws_model_open (validation and CRC).</summary>
    public long OpenInstructions { get; init; }

    /// <summary>Instructions of one kws_invoke.</summary>
    public long Instructions { get; init; }

    /// <summary>MACs of one inference.</summary>
    public long Macs { get; init; }

    /// <summary>Per op figures.</summary>
    public IReadOnlyList<BenchOp> Ops { get; init; } = [];

    /// <summary>Instructions per MAC of the whole inference.</summary>
    [JsonIgnore] public double InstructionsPerMac => Macs == 0 ? 0 : (double)Instructions / Macs;

    /// <summary>Finds and parses the KWSBENCH line in firmware output; <paramref name="where"/> names the run in errors.</summary>
    /// <exception cref="CliException">No such line, or it is not valid JSON.</exception>
    public static BenchModelResult Parse(string firmwareOutput, string where)
    {
        foreach (var raw in firmwareOutput.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(LinePrefix, StringComparison.Ordinal))
            {
                try
                {
                    return JsonSerializer.Deserialize<BenchModelResult>(line[LinePrefix.Length..], CliJson.SnakeCaseInput)
                        ?? throw new CliException($"{where}: empty KWSBENCH line");
                }
                catch (JsonException e)
                {
                    throw new CliException($"{where}: malformed KWSBENCH line: {e.Message}");
                }
            }
        }
        throw new CliException($"{where}: the firmware printed no KWSBENCH line");
    }
}
