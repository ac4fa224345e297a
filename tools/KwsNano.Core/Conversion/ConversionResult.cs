using KwsNano.Kwsm;

namespace KwsNano.Conversion;

/// <summary>A converted model and the warnings the conversion produced.</summary>
public sealed record ConversionResult(KwsmModel Model, IReadOnlyList<string> Warnings);
