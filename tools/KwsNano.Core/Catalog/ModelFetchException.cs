namespace KwsNano.Catalog;

/// <summary>A catalog model could not be fetched or failed its sha256 check; the message names the file and the cause.</summary>
public sealed class ModelFetchException : KwsNanoException
{
    /// <summary>Creates the exception.</summary>
    public ModelFetchException(string message, Exception? inner = null) : base(message, inner) { }
}
