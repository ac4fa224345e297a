namespace KwsNano.Native;

/// <summary>A native engine call returned an error status; the message names the call, the status and its text.</summary>
public sealed class KwsNativeException : KwsNanoException
{
    /// <summary>Creates the exception for <paramref name="status"/> returned by <paramref name="operation"/>.</summary>
    public KwsNativeException(string operation, KwsStatus status, string statusText)
        : base($"{operation}: {KwsStatusNames.CName(status)} ({statusText})")
    {
        Operation = operation;
        Status = status;
        StatusText = statusText;
    }

    /// <summary>What was being done (e.g. "ds_cnn_s.kwsm: kws_model_open").</summary>
    public string Operation { get; }

    /// <summary>The status the native engine returned.</summary>
    public KwsStatus Status { get; }

    /// <summary>The native engine's text for the status (<c>kws_status_str</c>).</summary>
    public string StatusText { get; }
}
