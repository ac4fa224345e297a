using System;
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a method run after the tests of its class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute
    {
    }
}
