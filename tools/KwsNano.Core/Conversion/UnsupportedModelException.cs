namespace KwsNano.Conversion;

/// <summary>
/// The model uses something outside the supported subset (an operator, a tensor type, dilation,
/// several subgraphs...). The message names the first offending item, e.g.
/// <c>ds.tflite: operator 3 (SHAPE) is not supported</c>.
/// </summary>
public sealed class UnsupportedModelException : ConversionException
{
    /// <summary>Creates the exception.</summary>
    public UnsupportedModelException(string message, string? operatorName = null) : base(message)
    {
        OperatorName = operatorName;
    }

    /// <summary>Name of the unsupported operator when the fault is an operator, else null.</summary>
    public string? OperatorName { get; }
}
