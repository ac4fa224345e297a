using System.Text.RegularExpressions;

namespace KwsNano.NfBuild;

/// <summary>The method table and assembly record of the hand-written interop glue (KwsNano_Interop.cpp).</summary>
/// <param name="Checksum">Checksum in g_CLR_AssemblyNative_KwsNano_Interop.</param>
/// <param name="Methods">Mangled names of the method_lookup entries, in order ("NULL" for a null slot).</param>
/// <param name="Version">Native version { a, b, c, d } as "a.b.c.d".</param>
public sealed record GlueRecord(uint Checksum, IReadOnlyList<string> Methods, string Version)
{
    /// <summary>Parses the glue's assembly source.</summary>
    public static GlueRecord Parse(string path)
    {
        string text = File.ReadAllText(path);
        var table = Regex.Match(text, @"method_lookup\[\]\s*=\s*\{(?<body>.*?)\};", RegexOptions.Singleline);
        var record = Regex.Match(text, @"g_CLR_AssemblyNative_\w+\s*=\s*\{\s*""[^""]+"",\s*0x(?<crc>[0-9A-Fa-f]{8}),\s*method_lookup,\s*\{\s*(?<v>\d+\s*,\s*\d+\s*,\s*\d+\s*,\s*\d+)\s*\}", RegexOptions.Singleline);
        if (!table.Success || !record.Success)
        {
            throw new NfBuildException($"{path}: method_lookup table or assembly record not found");
        }
        var methods = Regex.Matches(table.Groups["body"].Value, @"(::(?<m>\w+)|(?<m>NULL))\s*,").Select(m => m.Groups["m"].Value).ToList();
        string version = Regex.Replace(record.Groups["v"].Value, @"\s*,\s*", ".");
        return new GlueRecord(Convert.ToUInt32(record.Groups["crc"].Value, 16), methods, version);
    }
}
