using System.Reflection;

namespace KwsNano.Cli;

/// <summary>The one version string of the tool, printed by both <c>kwsnano version</c> and <c>kwsnano --version</c>.</summary>
public static class ToolVersion
{
    /// <summary>Package version without build metadata (e.g. 0.2.0).</summary>
    public static string Number { get; } =
        (typeof(ToolVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0").Split('+')[0];

    /// <summary>The line both version forms print.</summary>
    public static string Line => $"kwsnano {Number} (kwsm format {KwsNano.Kwsm.KwsmModel.FormatVersionMajor}.{KwsNano.Kwsm.KwsmModel.FormatVersionMinor})";
}
