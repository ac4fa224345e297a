using System;
namespace nanoFramework.TestFramework
{
    /// <summary>A failed assertion.</summary>
    public class AssertFailedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AssertFailedException(string message)
            : base(message)
        {
        }
    }
}
