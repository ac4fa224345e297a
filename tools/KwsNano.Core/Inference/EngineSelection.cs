namespace KwsNano.Inference;

/// <summary>The engine a factory created, and a message to show the user when it is not the preferred one (else null).</summary>
public sealed record EngineSelection(IInferenceEngine Engine, string? Message);
