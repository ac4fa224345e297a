using System;
namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Assertions (nanoFramework.TestFramework names and overloads). <see cref="ThrowsException"/> requires the exact
    /// exception type, not a subclass, as the real framework does.
    /// </summary>
    public sealed class Assert
    {
        private Assert()
        {
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(bool expected, bool actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(byte expected, byte actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(char expected, char actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(double expected, double actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(float expected, float actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(int expected, int actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(long expected, long actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(sbyte expected, sbyte actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(short expected, short actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(string expected, string actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(uint expected, uint actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(ulong expected, ulong actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the values differ.</summary>
        public static void AreEqual(ushort expected, ushort actual, string message = "")
        {
            if (expected != actual)
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the objects differ (Equals).</summary>
        public static void AreEqual(object expected, object actual, string message = "")
        {
            if (!(expected == null ? actual == null : expected.Equals(actual)))
            {
                Fail("AreEqual failed. Expected:<" + Text(expected) + ">. Actual:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails when the objects are equal (Equals).</summary>
        public static void AreNotEqual(object notExpected, object actual, string message = "")
        {
            if (notExpected == null ? actual == null : notExpected.Equals(actual))
            {
                Fail("AreNotEqual failed. Value:<" + Text(actual) + ">. " + message);
            }
        }

        /// <summary>Fails unless the condition holds.</summary>
        public static void IsTrue(bool condition, string message = "")
        {
            if (!condition)
            {
                Fail("IsTrue failed. " + message);
            }
        }

        /// <summary>Fails if the condition holds.</summary>
        public static void IsFalse(bool condition, string message = "")
        {
            if (condition)
            {
                Fail("IsFalse failed. " + message);
            }
        }

        /// <summary>Fails unless null.</summary>
        public static void IsNull(object value, string message = "")
        {
            if (value != null)
            {
                Fail("IsNull failed. Value:<" + Text(value) + ">. " + message);
            }
        }

        /// <summary>Fails if null.</summary>
        public static void IsNotNull(object value, string message = "")
        {
            if (value == null)
            {
                Fail("IsNotNull failed. " + message);
            }
        }

        /// <summary>Fails unless <paramref name="action"/> throws exactly <paramref name="exception"/>.</summary>
        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (e.GetType() == exception)
                {
                    return;
                }
                Fail("ThrowsException failed. Expected " + exception.Name + ", got " + e.GetType().Name + ": " + e.Message + ". " + message);
            }
            Fail("ThrowsException failed. Expected " + exception.Name + ", nothing was thrown. " + message);
        }

        /// <summary>Fails always.</summary>
        public static void Fail(string message = "")
        {
            throw new AssertFailedException(message);
        }

        private static string Text(object value)
        {
            return value == null ? "(null)" : value.ToString();
        }
    }
}
