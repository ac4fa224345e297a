using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>What the front-end benchmark firmware reports ("KWSBENCH-FRONTEND {json}").</summary>
public sealed record BenchFrontendResult
{
    /// <summary>Prefix of the machine-readable line.</summary>
    public const string LinePrefix = "KWSBENCH-FRONTEND ";

    /// <summary>Front-end preset measured.</summary>
    [JsonPropertyName("preset")] public string Preset { get; init; } = "";

    /// <summary>Core.</summary>
    [JsonPropertyName("cpu")] public string Cpu { get; init; } = "";

    /// <summary>Samples per frame.</summary>
    [JsonPropertyName("frame_length")] public int FrameLength { get; init; }

    /// <summary>FFT size.</summary>
    [JsonPropertyName("fft_size")] public int FftSize { get; init; }

    /// <summary>MFCC coefficients per frame.</summary>
    [JsonPropertyName("num_coeffs")] public int NumCoeffs { get; init; }

    /// <summary>Caller memory the front-end needs (kws_frontend_buffer_size).</summary>
    [JsonPropertyName("buffer_bytes")] public long BufferBytes { get; init; }

    /// <summary>Instructions of kws_frontend_init (tables).</summary>
    [JsonPropertyName("init_instructions")] public long InitInstructions { get; init; }

    /// <summary>Instructions per kws_frontend_compute_frame (mean over the frames measured).</summary>
    [JsonPropertyName("frame_instructions")] public long FrameInstructions { get; init; }

    /// <summary>Peak stack of kws_frontend_compute_frame.</summary>
    [JsonPropertyName("stack_bytes")] public long StackBytes { get; init; }

    /// <summary>Finds and parses the KWSBENCH-FRONTEND line; null when absent.</summary>
    public static BenchFrontendResult? TryParse(string firmwareOutput, string where)
    {
        foreach (var raw in firmwareOutput.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(LinePrefix, StringComparison.Ordinal))
            {
                try
                {
                    return JsonSerializer.Deserialize<BenchFrontendResult>(line[LinePrefix.Length..]);
                }
                catch (JsonException e)
                {
                    throw new CliException($"{where}: malformed KWSBENCH-FRONTEND line: {e.Message}");
                }
            }
        }
        return null;
    }
}
