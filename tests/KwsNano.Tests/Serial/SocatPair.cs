using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KwsNano.Tests.Serial;

/// <summary>
/// A pseudo-terminal pair made by socat (<c>pty,raw,echo=0,link=...</c> twice): the test writes the board's side, the
/// monitor opens the host side as a serial port. Stopping it (SIGTERM) makes both ends vanish, as a board on USB CDC
/// does when it resets; starting it again brings the same names back. Without socat the test fails and says how to get it.
/// </summary>
public sealed partial class SocatPair : IDisposable
{
    private Process? _socat;
    private FileStream? _board;

    /// <summary>Creates the pair's names in <paramref name="dir"/> (not started).</summary>
    public SocatPair(string dir)
    {
        BoardPath = Path.Combine(dir, "board");
        HostPath = Path.Combine(dir, "host");
    }

    /// <summary>The board's end (written by the test).</summary>
    public string BoardPath { get; }

    /// <summary>The host's end (the port the monitor opens).</summary>
    public string HostPath { get; }

    /// <summary>Starts socat and waits for both links.</summary>
    public void Start()
    {
        string? socat = new[] { "/usr/bin/socat", "/bin/socat", "/usr/local/bin/socat" }.FirstOrDefault(File.Exists);
        Assert.True(socat != null, "socat is not installed, and the serial monitor tests need it for a pseudo-terminal pair: run scripts/setup.sh (or apt-get install socat)");
        var info = new ProcessStartInfo(socat!) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-d", $"pty,raw,echo=0,link={BoardPath}", $"pty,raw,echo=0,link={HostPath}" })
        {
            info.ArgumentList.Add(a);
        }
        _socat = Process.Start(info)!;
        _socat.ErrorDataReceived += (_, _) => { };
        _socat.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(Linked(BoardPath) && Linked(HostPath)))
        {
            Assert.False(_socat.HasExited, $"socat exited with {(_socat.HasExited ? _socat.ExitCode : 0)} before making the pty pair");
            Assert.True(DateTime.UtcNow < deadline, "socat made no pty pair within 10 s");
            Thread.Sleep(20);
        }
        // Keep the board's end open: closing it would hang up socat's side and end it.
        _board = new FileStream(BoardPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
    }

    /// <summary>Sends <paramref name="lines"/> from the board, each ended with CR LF as the firmware's Console.WriteLine does.</summary>
    public void Send(IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\r\n");
            _board!.Write(bytes);
            _board.Flush();
        }
    }

    /// <summary>Stops socat (SIGTERM: it removes its links) and waits for it.</summary>
    public void Stop()
    {
        _board?.Dispose();
        _board = null;
        if (_socat is { HasExited: false })
        {
            Kill(_socat.Id, 15);
            Assert.True(_socat.WaitForExit(10_000), "socat did not stop within 10 s");
        }
        _socat?.Dispose();
        _socat = null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Stop();
        }
        catch (Exception)
        {
            _socat?.Kill();
        }
    }

    private static bool Linked(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true };
        }
        catch (IOException)
        {
            return false; // not made yet
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
