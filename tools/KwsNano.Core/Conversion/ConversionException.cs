namespace KwsNano.Conversion;

/// <summary>The converter cannot produce a .kwsm from the given model and options; the message says what and where.</summary>
public class ConversionException : KwsNanoException
{
    /// <summary>Creates the exception with a message that names the file and the fault.</summary>
    public ConversionException(string message) : base(message) { }
}
