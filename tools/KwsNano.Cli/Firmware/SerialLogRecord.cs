namespace KwsNano.Cli.Firmware;

/// <summary>One parsed line of the firmware's serial log (docs/serial-log.md): record type and key=value fields.</summary>
/// <param name="Type">BOOT, DET, STAT, OVR or ERR.</param>
/// <param name="Fields">Fields by key (ERR's text runs to the end of the line).</param>
public sealed record SerialLogRecord(string Type, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Integer field <paramref name="key"/>.</summary>
    /// <exception cref="FormatException">Missing or not an integer.</exception>
    public long Long(string key) =>
        Fields.TryGetValue(key, out var v) && long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{Type} line: field {key} missing or not an integer");

    /// <summary>Decimal field <paramref name="key"/>.</summary>
    public double Double(string key) =>
        Fields.TryGetValue(key, out var v) && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new FormatException($"{Type} line: field {key} missing or not a number");

    /// <summary>Text field <paramref name="key"/>.</summary>
    public string Text(string key) => Fields.TryGetValue(key, out var v) ? v : throw new FormatException($"{Type} line: field {key} missing");
}
