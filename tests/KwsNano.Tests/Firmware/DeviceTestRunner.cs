using System.Reflection;
using NfTest = nanoFramework.TestFramework;

namespace KwsNano.Tests.Firmware;

/// <summary>
/// Runs nanoFramework.TestFramework tests on .NET: discovers [TestClass] types and their [TestMethod] methods
/// (one case per [DataRow]), calls [Setup] methods first and [Cleanup] methods last, and rethrows the
/// assertion that failed.
/// </summary>
internal static class DeviceTestRunner
{
    /// <summary>One runnable case.</summary>
    internal sealed record Case(Type Type, MethodInfo Method, object?[] Arguments)
    {
        /// <summary>Readable name: Class.Method(arguments).</summary>
        public string Name => $"{Type.Name}.{Method.Name}" + (Arguments.Length == 0 ? "" : "(" + string.Join(", ", Arguments.Select(a => a?.ToString() ?? "null")) + ")");
    }

    /// <summary>Every test case in <paramref name="assembly"/>.</summary>
    public static IEnumerable<Case> Discover(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t.GetCustomAttribute<NfTest.TestClassAttribute>() != null).OrderBy(t => t.FullName))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.GetCustomAttribute<NfTest.TestMethodAttribute>() != null).OrderBy(m => m.Name))
            {
                var rows = method.GetCustomAttributes<NfTest.DataRowAttribute>().ToList();
                if (rows.Count == 0)
                {
                    yield return new Case(type, method, []);
                }
                foreach (var row in rows)
                {
                    yield return new Case(type, method, row.MethodParameters);
                }
            }
        }
    }

    /// <summary>
    /// Runs one case on a fresh virtual ESP32 (the device the test image would run on: GpioController and the other
    /// nanoFramework APIs act on it); throws the failing assertion (or any exception the test threw).
    /// </summary>
    public static void Run(Case test)
    {
        using var device = new KwsNano.VirtualBoard.Board().Activate();
        object? instance = test.Type.IsAbstract && test.Type.IsSealed ? null : Activator.CreateInstance(test.Type);
        var all = test.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
        try
        {
            foreach (var setup in all.Where(m => m.GetCustomAttribute<NfTest.SetupAttribute>() != null))
            {
                Invoke(setup, instance, []);
            }
            var parameters = test.Method.GetParameters();
            if (parameters.Length != test.Arguments.Length)
            {
                throw new InvalidOperationException($"{test.Name}: {test.Arguments.Length} DataRow values for {parameters.Length} parameters");
            }
            var args = test.Arguments.Select((a, i) => a == null ? null : Convert.ChangeType(a, parameters[i].ParameterType, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Invoke(test.Method, instance, args);
        }
        finally
        {
            foreach (var cleanup in all.Where(m => m.GetCustomAttribute<NfTest.CleanupAttribute>() != null))
            {
                Invoke(cleanup, instance, []);
            }
        }
    }

    private static void Invoke(MethodInfo method, object? instance, object?[] args)
    {
        try
        {
            method.Invoke(method.IsStatic ? null : instance, args);
        }
        catch (TargetInvocationException e) when (e.InnerException != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
