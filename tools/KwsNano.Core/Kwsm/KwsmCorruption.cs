namespace KwsNano.Kwsm;

/// <summary>One crafted damaged blob and the validation error a conforming reader must report.</summary>
public sealed record KwsmCorruption(string Name, byte[] Blob, KwsmError Expected, string Description);
