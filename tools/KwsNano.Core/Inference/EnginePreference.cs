namespace KwsNano.Inference;

/// <summary>Which engine <see cref="InferenceEngineFactory"/> should create.</summary>
public enum EnginePreference
{
    /// <summary>The native engine when its library loads, else the C# interpreter.</summary>
    Auto,
    /// <summary>The native engine only (fails when the library is missing).</summary>
    Native,
    /// <summary>The C# reference interpreter.</summary>
    Interpreter,
}
