using System;
namespace nanoFramework.TestFramework
{
    /// <summary>Runs a test method once with these arguments.</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public class DataRowAttribute : Attribute
    {
        /// <summary>The arguments of one run.</summary>
        public DataRowAttribute(params object[] methodParameters)
        {
            MethodParameters = methodParameters;
        }

        /// <summary>The arguments.</summary>
        public object[] MethodParameters { get; }
    }
}
