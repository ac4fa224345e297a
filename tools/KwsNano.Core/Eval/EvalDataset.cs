namespace KwsNano.Eval;

/// <summary>
/// Labelled clips for evaluation, from a folder (one sub-folder per label, the folder name is the
/// label, *.wav inside, as Speech Commands) or from a CSV file of <c>path,label</c> lines (paths
/// relative to the CSV's folder; an optional <c>path,label</c> header; blank lines and lines starting
/// with '#' ignored). Clips are sorted by label then path so runs are reproducible.
/// </summary>
public static class EvalDataset
{
    /// <summary>Loads <paramref name="source"/> (folder or .csv). Throws <see cref="InvalidDataException"/> with what and where.</summary>
    public static IReadOnlyList<LabeledClip> Load(string source)
    {
        List<LabeledClip> clips;
        if (Directory.Exists(source))
        {
            clips = FromFolder(source);
        }
        else if (File.Exists(source))
        {
            clips = FromCsv(source);
        }
        else
        {
            throw new InvalidDataException($"{source}: no such folder or CSV file");
        }
        if (clips.Count == 0)
        {
            throw new InvalidDataException($"{source}: no labelled .wav clips found (expected one sub-folder per label, or path,label lines)");
        }
        return clips.OrderBy(c => c.Label, StringComparer.Ordinal).ThenBy(c => c.Path, StringComparer.Ordinal).ToList();
    }

    private static List<LabeledClip> FromFolder(string dir)
    {
        var clips = new List<LabeledClip>();
        foreach (var sub in Directory.GetDirectories(dir))
        {
            string label = System.IO.Path.GetFileName(sub);
            foreach (var wav in Directory.GetFiles(sub, "*.wav", SearchOption.TopDirectoryOnly))
            {
                clips.Add(new LabeledClip(wav, label));
            }
        }
        return clips;
    }

    private static List<LabeledClip> FromCsv(string csv)
    {
        string baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(csv)) ?? ".";
        var clips = new List<LabeledClip>();
        int lineNo = 0;
        foreach (var raw in File.ReadLines(csv))
        {
            lineNo++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            int comma = line.LastIndexOf(',');
            if (comma <= 0 || comma == line.Length - 1)
            {
                throw new InvalidDataException($"{csv}:{lineNo}: expected 'path,label', got '{line}'");
            }
            string path = line[..comma].Trim().Trim('"');
            string label = line[(comma + 1)..].Trim().Trim('"');
            if (lineNo == 1 && path.Equals("path", StringComparison.OrdinalIgnoreCase) && label.Equals("label", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            string full = System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(baseDir, path);
            if (!File.Exists(full))
            {
                throw new InvalidDataException($"{csv}:{lineNo}: clip '{path}' not found");
            }
            clips.Add(new LabeledClip(full, label));
        }
        return clips;
    }
}
