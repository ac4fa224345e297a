namespace KwsNano.TFLite;

/// <summary>A .tflite file is truncated, corrupted or not a TFLite flatbuffer. The message names the file and the fault.</summary>
public sealed class TfliteFormatException : KwsNanoException
{
    /// <summary>Creates the exception; <paramref name="message"/> already names the file.</summary>
    public TfliteFormatException(string message) : base(message) { }
}
