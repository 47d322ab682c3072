using System;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace NanoTcp.Tests.Support
{
    /// <summary>
    /// Expected-exception checks that compile for both MSTest and nanoFramework.TestFramework (their Assert
    /// classes share only AreEqual, AreNotEqual, IsTrue, IsFalse, IsNull and IsNotNull).
    /// </summary>
    public static class Expect
    {
        /// <summary>Runs <paramref name="action"/> and returns the exception it threw, which must be exactly <paramref name="exceptionType"/>.</summary>
        public static Exception Throws(Type exceptionType, Action action)
        {
            Exception thrown = null;
            try
            {
                action();
            }
            catch (Exception e)
            {
                thrown = e;
            }

            Assert.IsNotNull(thrown, "expected " + exceptionType.Name + " but nothing was thrown");
            Assert.IsTrue(thrown.GetType() == exceptionType, "expected " + exceptionType.Name + " but got " + thrown.GetType().Name + ": " + thrown.Message);
            return thrown;
        }

        /// <summary>Asserts two byte arrays are equal, naming the first offset where they differ.</summary>
        public static void SameBytes(byte[] expected, byte[] actual)
        {
            SameBytes(expected, actual, string.Empty);
        }

        /// <summary>Asserts two byte arrays are equal, naming the first offset where they differ.</summary>
        public static void SameBytes(byte[] expected, byte[] actual, string message)
        {
            Assert.IsNotNull(actual, "no bytes " + message);
            Assert.AreEqual(expected.Length, actual.Length, "length " + message);
            for (int i = 0; i < expected.Length; i++)
            {
                if (expected[i] != actual[i])
                {
                    Assert.AreEqual(expected[i], actual[i], "byte " + i.ToString() + " " + message);
                }
            }
        }
    }
}
