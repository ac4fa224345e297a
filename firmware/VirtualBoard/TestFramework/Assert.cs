using System.Collections;

namespace nanoFramework.TestFramework;

/// <summary>A failed assertion.</summary>
public sealed class AssertFailedException(string message) : Exception(message) { }

/// <summary>Assertions (nanoFramework.TestFramework names and behaviour).</summary>
public static class Assert
{
    /// <summary>Fails when the values differ (Equals).</summary>
    public static void AreEqual(object? expected, object? actual, string message = "")
    {
        if (!Equals(expected, actual) && !NumericEqual(expected, actual))
        {
            Fail($"AreEqual failed. Expected:<{expected}>. Actual:<{actual}>. {message}");
        }
    }

    /// <summary>Fails when the values are equal.</summary>
    public static void AreNotEqual(object? notExpected, object? actual, string message = "")
    {
        if (Equals(notExpected, actual) || NumericEqual(notExpected, actual))
        {
            Fail($"AreNotEqual failed. Value:<{actual}>. {message}");
        }
    }

    /// <summary>Fails unless the condition holds.</summary>
    public static void IsTrue(bool condition, string message = "")
    {
        if (!condition) Fail("IsTrue failed. " + message);
    }

    /// <summary>Fails if the condition holds.</summary>
    public static void IsFalse(bool condition, string message = "")
    {
        if (condition) Fail("IsFalse failed. " + message);
    }

    /// <summary>Fails unless null.</summary>
    public static void IsNull(object? value, string message = "")
    {
        if (value != null) Fail($"IsNull failed. Value:<{value}>. {message}");
    }

    /// <summary>Fails if null.</summary>
    public static void IsNotNull(object? value, string message = "")
    {
        if (value == null) Fail("IsNotNull failed. " + message);
    }

    /// <summary>Fails unless <paramref name="action"/> throws <paramref name="exceptionType"/> (or a subclass).</summary>
    public static void ThrowsException(Type exceptionType, Action action, string message = "")
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            if (exceptionType.IsInstanceOfType(e)) return;
            Fail($"ThrowsException failed. Expected {exceptionType.Name}, got {e.GetType().Name}: {e.Message}. {message}");
        }
        Fail($"ThrowsException failed. Expected {exceptionType.Name}, nothing was thrown. {message}");
    }

    /// <summary>Fails always.</summary>
    public static void Fail(string message = "") => throw new AssertFailedException(message);

    private static bool NumericEqual(object? a, object? b)
    {
        // nanoFramework compares boxed numbers by value across integer widths (e.g. AreEqual(1, 1L)).
        if (a is null || b is null || a is float || a is double || b is float || b is double) return false;
        if (a is IConvertible ca && b is IConvertible cb && IsInteger(a) && IsInteger(b))
        {
            return ca.ToDecimal(null) == cb.ToDecimal(null);
        }
        return false;
    }

    private static bool IsInteger(object o) => o is sbyte or byte or short or ushort or int or uint or long or ulong;
}

/// <summary>Collection assertions.</summary>
public static class CollectionAssert
{
    /// <summary>Fails unless both collections have equal elements in the same order.</summary>
    public static void AreEqual(ICollection? expected, ICollection? actual, string message = "")
    {
        if (expected == null || actual == null)
        {
            if (expected != actual) Assert.Fail("CollectionAssert.AreEqual failed: one collection is null. " + message);
            return;
        }
        if (expected.Count != actual.Count)
        {
            Assert.Fail($"CollectionAssert.AreEqual failed: counts {expected.Count} and {actual.Count}. {message}");
        }
        var e = expected.GetEnumerator();
        var a = actual.GetEnumerator();
        int index = 0;
        while (e.MoveNext() && a.MoveNext())
        {
            if (!Equals(e.Current, a.Current))
            {
                Assert.Fail($"CollectionAssert.AreEqual failed at index {index}: expected <{e.Current}>, actual <{a.Current}>. {message}");
            }
            index++;
        }
    }

    /// <summary>Fails unless the collection is empty.</summary>
    public static void Empty(ICollection collection, string message = "")
    {
        if (collection.Count != 0) Assert.Fail("CollectionAssert.Empty failed. " + message);
    }
}
