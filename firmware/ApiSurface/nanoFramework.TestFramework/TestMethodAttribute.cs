using System;
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a test method.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }
}
