using System.Diagnostics;

namespace KwsNano.Cli.Firmware;

/// <summary>The nanoff tool on the PATH (the version pinned in .config/dotnet-tools.json).</summary>
public sealed class ProcessNanoff : INanoff
{
    /// <summary>The single instance.</summary>
    public static readonly ProcessNanoff Instance = new();

    private ProcessNanoff() { }

    /// <inheritdoc/>
    public int Run(IReadOnlyList<string> args, ICliConsole console)
    {
        var info = new ProcessStartInfo("nanoff") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new CliException("flash: could not start nanoff");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException("flash: nanoff not found; install the pinned version with 'dotnet tool restore' in the repository (.config/dotnet-tools.json), or 'dotnet tool install -g nanoff --version 2.4.34' (or use --dry-run)");
        }
        using (process)
        {
            process.OutputDataReceived += (_, e) => { if (e.Data != null) console.Out.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data != null) console.Error.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            process.WaitForExit();
            return process.ExitCode;
        }
    }
}
