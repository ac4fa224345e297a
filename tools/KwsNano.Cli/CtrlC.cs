namespace KwsNano.Cli;

/// <summary>Turns Ctrl-C into a cancellation token while a long verb runs, so it can stop cleanly and print its summary.</summary>
public sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    private CtrlC()
    {
        Console.CancelKeyPress += OnCancel;
    }

    /// <summary>Cancelled on the first Ctrl-C (a second one ends the process as usual).</summary>
    public CancellationToken Token => _cts.Token;

    /// <summary>Starts watching.</summary>
    public static CtrlC Watch() => new();

    /// <inheritdoc/>
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cts.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_cts.IsCancellationRequested)
        {
            e.Cancel = true;
            _cts.Cancel();
        }
    }
}
