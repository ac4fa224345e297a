using System;
namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding tests.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }
}
