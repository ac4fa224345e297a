namespace KwsNano.Cli.Firmware;

/// <summary>
/// Parses serial log lines. A record starts at "KWS " anywhere in the line (the port also carries boot
/// messages and debugger traffic, which are skipped), then the type, then space-separated key=value fields.
/// </summary>
public static class SerialLogParser
{
    private static readonly string[] Types = ["BOOT", "DET", "STAT", "OVR", "ERR"];

    /// <summary>Parses <paramref name="line"/>; null when it holds no KWS record.</summary>
    /// <exception cref="FormatException">A KWS record with a malformed field.</exception>
    public static SerialLogRecord? Parse(string line)
    {
        int start = line.IndexOf("KWS ", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }
        string body = line[(start + 4)..].TrimEnd('\r', '\n');
        int space = body.IndexOf(' ');
        string type = space < 0 ? body : body[..space];
        if (!Types.Contains(type))
        {
            return null;
        }
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string rest = space < 0 ? "" : body[(space + 1)..];
        int i = 0;
        while (i < rest.Length)
        {
            while (i < rest.Length && rest[i] == ' ')
            {
                i++;
            }
            if (i >= rest.Length)
            {
                break;
            }
            int eq = rest.IndexOf('=', i);
            if (eq < 0)
            {
                throw new FormatException($"{type} line: '{rest[i..]}' is not key=value");
            }
            string key = rest[i..eq];
            if (key.Contains(' '))
            {
                throw new FormatException($"{type} line: '{key}' is not key=value");
            }
            int end = type == "ERR" && key == "text" ? rest.Length : rest.IndexOf(' ', eq + 1);
            if (end < 0)
            {
                end = rest.Length;
            }
            fields[key] = rest[(eq + 1)..end];
            i = end;
        }
        return new SerialLogRecord(type, fields);
    }
}
