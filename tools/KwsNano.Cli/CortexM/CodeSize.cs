using System.Globalization;
using System.Text.Json.Serialization;

namespace KwsNano.Cli.CortexM;

/// <summary>Section sizes of a static library, summed over its members (from <c>arm-none-eabi-size -A</c>).</summary>
public sealed record CodeSize
{
    /// <summary>Library name.</summary>
    public string Library { get; init; } = "";

    /// <summary>Bytes of code (.text*).</summary>
    public long Text { get; init; }

    /// <summary>Bytes of read-only data (.rodata*).</summary>
    public long Rodata { get; init; }

    /// <summary>Bytes of initialised data (.data*).</summary>
    public long Data { get; init; }

    /// <summary>Bytes of zero-initialised data (.bss*).</summary>
    public long Bss { get; init; }

    /// <summary>Flash footprint: text + rodata + data.</summary>
    [JsonIgnore] public long Flash => Text + Rodata + Data;

    /// <summary>Sums the sections in the output of <c>arm-none-eabi-size -A LIB.a</c>.</summary>
    public static CodeSize ParseSizeA(string library, string sizeOutput)
    {
        long text = 0, rodata = 0, data = 0, bss = 0;
        foreach (var raw in sizeOutput.Split('\n'))
        {
            var parts = raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !parts[0].StartsWith('.') ||
                !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long size))
            {
                continue;
            }
            string name = parts[0];
            if (name == ".text" || name.StartsWith(".text.", StringComparison.Ordinal))
            {
                text += size;
            }
            else if (name == ".rodata" || name.StartsWith(".rodata.", StringComparison.Ordinal))
            {
                rodata += size;
            }
            else if (name == ".data" || name.StartsWith(".data.", StringComparison.Ordinal))
            {
                data += size;
            }
            else if (name == ".bss" || name.StartsWith(".bss.", StringComparison.Ordinal))
            {
                bss += size;
            }
        }
        return new CodeSize { Library = library, Text = text, Rodata = rodata, Data = data, Bss = bss };
    }
}
