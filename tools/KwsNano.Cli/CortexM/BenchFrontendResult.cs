using System.Text.Json;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>What the front-end benchmark firmware reports ("KWSBENCH-FRONTEND {json}").</summary>
public sealed record BenchFrontendResult
{
    /// <summary>Prefix of the machine-readable line.</summary>
    public const string LinePrefix = "KWSBENCH-FRONTEND ";

    /// <summary>Front-end preset measured.</summary>
    public string Preset { get; init; } = "";

    /// <summary>Core.</summary>
    public string Cpu { get; init; } = "";

    /// <summary>Samples per frame.</summary>
    public int FrameLength { get; init; }

    /// <summary>FFT size.</summary>
    public int FftSize { get; init; }

    /// <summary>MFCC coefficients per frame.</summary>
    public int NumCoeffs { get; init; }

    /// <summary>Caller memory the front-end needs: kws_frontend_buffer_size_ex with the blob's tables read in place (format 1.2), else kws_frontend_buffer_size.</summary>
    public long BufferBytes { get; init; }

    /// <summary>Instructions of the front-end init: kws_frontend_init_ex on the blob's tables when it has them, else kws_frontend_init (building them).</summary>
    public long InitInstructions { get; init; }

    /// <summary>Bytes of the blob's front-end tables section (0 when it has none).</summary>
    public long TablesBytes { get; init; }

    /// <summary>Instructions of kws_frontend_init building the tables in RAM (what blobs without the section cost).</summary>
    public long BuildInitInstructions { get; init; }

    /// <summary>kws_frontend_buffer_size: the buffer with the tables built in RAM.</summary>
    public long BuildBufferBytes { get; init; }

    /// <summary>Bytes of per-frame work buffers (kws_frontend_work_size), inside the buffer here; the stream puts them in the model arena.</summary>
    public long WorkBytes { get; init; }

    /// <summary>Instructions per kws_frontend_compute_frame (mean over the frames measured).</summary>
    public long FrameInstructions { get; init; }

    /// <summary>Peak stack of kws_frontend_compute_frame.</summary>
    public long StackBytes { get; init; }

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
                    return JsonSerializer.Deserialize<BenchFrontendResult>(line[LinePrefix.Length..], CliJson.SnakeCaseInput);
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
