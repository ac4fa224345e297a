using KwsNano.Kwsm;

namespace KwsNano.Cli.Rendering;

/// <summary>What <c>kwsnano verify</c> found in a valid model.</summary>
/// <param name="Name">File name.</param>
/// <param name="Bytes">Blob size.</param>
/// <param name="Crc">The blob's CRC-32 field (checked by the reader).</param>
/// <param name="VersionMinor">Format minor version.</param>
/// <param name="Model">The validated model.</param>
public sealed record VerifySummary(string Name, int Bytes, uint Crc, int VersionMinor, KwsmModel Model);
