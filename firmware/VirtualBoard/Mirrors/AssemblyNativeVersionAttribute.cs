// Mirror of nanoFramework.CoreLibrary's System.Reflection.AssemblyNativeVersionAttribute, so interop sources resolve on
// .NET (the device build uses the real one in mscorlib; MirrorSurfaceTests compares the two).
namespace System.Reflection;

/// <summary>Version of the native part of an interop assembly; must match the firmware's native declaration.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AssemblyNativeVersionAttribute(string nativeVersion) : Attribute
{
    /// <summary>The native version.</summary>
    public string NativeVersion { get; } = nativeVersion;
}
