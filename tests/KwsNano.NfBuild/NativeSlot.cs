namespace KwsNano.NfBuild;

/// <summary>One slot of an assembly's native method table.</summary>
/// <param name="ClassName">Class as the stubs spell it (e.g. KwsNano_Interop_KwsEngine).</param>
/// <param name="MangledName">Mangled method name (e.g. Reset___STATIC__I4).</param>
/// <param name="IsNative">True for a method implemented in native code (an InternalCall extern).</param>
public sealed record NativeSlot(string ClassName, string MangledName, bool IsNative);
