using System.Globalization;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>
/// The clock and cycles-per-instruction assumption behind <c>kwsnano bench</c>'s estimated milliseconds:
/// ms = instructions x CPI / (MHz x 1000). QEMU counts instructions, not cycles, so the estimate is only as good
/// as the CPI assumption.
/// </summary>
public sealed record BenchClock
{
    /// <summary>Core clock in MHz.</summary>
    public double Mhz { get; init; }

    /// <summary>Assumed cycles per instruction.</summary>
    public double Cpi { get; init; } = 1.0;

    /// <summary>Where the clock comes from ("--mhz" or the reference board's name).</summary>
    public string Source { get; init; } = "";

    /// <summary>Estimated milliseconds for <paramref name="instructions"/>.</summary>
    public double Milliseconds(long instructions) => instructions * Cpi / (Mhz * 1000.0);

    /// <summary>One line stating the assumption.</summary>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        "Estimated ms at {0} MHz ({1}) assuming {2:F2} cycles per instruction (--mhz, --cpi): QEMU counts instructions, " +
        "not cycles; real cores add flash/cache wait states, load-use and branch stalls and multi-cycle multiplies, so at CPI 1 this is a lower bound.",
        Mhz.ToString("0.###", CultureInfo.InvariantCulture), Source, Cpi);
}
