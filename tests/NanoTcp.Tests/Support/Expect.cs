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
    }
}
