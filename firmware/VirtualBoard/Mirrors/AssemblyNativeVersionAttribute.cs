// Mirror of nanoFramework's AssemblyNativeVersionAttribute (CoreLibrary), so interop sources resolve on .NET.
namespace System.Reflection;

/// <summary>Version of the native part of an interop assembly; must match the firmware's native declaration.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AssemblyNativeVersionAttribute(string version) : Attribute
{
    /// <summary>The version.</summary>
    public string Version { get; } = version;
}
