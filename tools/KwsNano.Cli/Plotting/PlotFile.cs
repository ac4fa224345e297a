using KwsNano.IO;

namespace KwsNano.Cli.Plotting;

/// <summary>
/// Output paths of plots: the format comes from the extension (.svg or .png); anything else is refused, with the
/// option's name, before the command does any work.
/// </summary>
public static class PlotFile
{
    /// <summary>The extensions plots can be written to, with the dot.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".svg", ".png"];

    /// <summary>The format for <paramref name="path"/>, or null when its extension is not a plot format.</summary>
    public static PlotFormat? TryFormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => PlotFormat.Svg,
        ".png" => PlotFormat.Png,
        _ => null,
    };

    /// <summary>
    /// Checks an output path given to <paramref name="option"/>: the extension names a format and the file can be
    /// created (its folder exists, it is not a folder). Throws a <see cref="CliException"/> otherwise.
    /// </summary>
    public static PlotFormat Check(string path, string option)
    {
        var format = TryFormatOf(path)
            ?? throw new CliException($"{option} {path}: the file name must end in .svg or .png (the extension chooses the image format)");
        FileChecks.RequireOutputFile(path, option);
        return format;
    }
}
