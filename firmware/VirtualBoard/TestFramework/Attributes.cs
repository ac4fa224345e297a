// Mirror of nanoFramework.TestFramework attributes: device tests compile unchanged on .NET.
namespace nanoFramework.TestFramework;

/// <summary>Marks a class holding tests.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TestClassAttribute : Attribute { }

/// <summary>Marks a test method.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TestMethodAttribute : Attribute { }

/// <summary>Runs before the tests of the class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SetupAttribute : Attribute { }

/// <summary>Runs after the tests of the class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CleanupAttribute : Attribute { }

/// <summary>One set of arguments for a parameterised test method.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class DataRowAttribute : Attribute
{
    /// <summary>The arguments.</summary>
    public DataRowAttribute(params object[] methodParameters) => MethodParameters = methodParameters;

    /// <summary>The arguments.</summary>
    public object[] MethodParameters { get; }
}
