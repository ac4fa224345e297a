namespace KwsNano.Cli;

/// <summary>
/// Progress on stderr: a bar redrawn in place when stderr is an interactive terminal, otherwise one line
/// at every 10% (so logs stay short). Thread-safe; called from worker threads.
/// </summary>
public sealed class ProgressReporter
{
    private readonly ICliConsole _console;
    private readonly string _what;
    private readonly int _total;
    private readonly object _lock = new();
    private int _lastDecile;
    private int _lastDrawn = -1;

    /// <summary>Progress of <paramref name="total"/> items named <paramref name="what"/>.</summary>
    public ProgressReporter(ICliConsole console, string what, int total)
    {
        _console = console;
        _what = what;
        _total = Math.Max(1, total);
    }

    /// <summary>Reports that <paramref name="done"/> items are finished.</summary>
    public void Report(int done)
    {
        lock (_lock)
        {
            if (_console.IsErrorRedirected)
            {
                int decile = done * 10 / _total;
                if (decile > _lastDecile)
                {
                    _lastDecile = decile;
                    _console.Error.WriteLine($"{_what}: {done}/{_total}");
                }
                return;
            }
            int width = 30;
            int filled = done * width / _total;
            if (done == _lastDrawn)
            {
                return;
            }
            _lastDrawn = done;
            _console.Error.Write($"\r{_what} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{_total}");
            if (done >= _total)
            {
                _console.Error.WriteLine();
            }
        }
    }
}
