using System;
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a method run before the tests of its class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute
    {
    }
}
