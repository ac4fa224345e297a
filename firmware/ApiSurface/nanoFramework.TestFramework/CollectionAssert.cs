using System;
using System.Collections;

namespace nanoFramework.TestFramework
{
    /// <summary>Collection assertions.</summary>
    public sealed class CollectionAssert
    {
        private CollectionAssert()
        {
        }

        /// <summary>Fails unless both collections hold equal elements in the same order.</summary>
        public static void AreEqual(ICollection expected, ICollection actual, string message = "")
        {
            if (expected == null || actual == null)
            {
                if (expected != actual)
                {
                    Assert.Fail("CollectionAssert.AreEqual failed: one collection is null. " + message);
                }
                return;
            }
            if (expected.Count != actual.Count)
            {
                Assert.Fail("CollectionAssert.AreEqual failed: counts " + expected.Count.ToString() + " and " + actual.Count.ToString() + ". " + message);
            }
            IEnumerator e = expected.GetEnumerator();
            IEnumerator a = actual.GetEnumerator();
            int index = 0;
            while (e.MoveNext() && a.MoveNext())
            {
                if (!(e.Current == null ? a.Current == null : e.Current.Equals(a.Current)))
                {
                    Assert.Fail("CollectionAssert.AreEqual failed at index " + index.ToString() + ". " + message);
                }
                index++;
            }
        }

        /// <summary>Fails unless the collection is empty.</summary>
        public static void Empty(ICollection collection, string message = "")
        {
            if (collection.Count != 0)
            {
                Assert.Fail("CollectionAssert.Empty failed. " + message);
            }
        }
    }
}
