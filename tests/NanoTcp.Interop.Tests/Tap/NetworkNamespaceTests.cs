using System;
using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host.Tap;
using NanoTcp.Interop.Tests.Support;

namespace NanoTcp.Interop.Tests.Tap
{
    [TestClass]
    public class NetworkNamespaceTests
    {
        [TestMethod]
        public void NamespaceIsDeletedEvenWhenTheTestBodyThrows()
        {
            Requirements.RequireNamespacesAndTap();
            string name = null;
            Assert.ThrowsExactly<InvalidOperationException>(() =>
            {
                using NetworkNamespace ns = NetworkNamespace.Create("fnd");
                name = ns.Name;
                throw new InvalidOperationException("test body failed");
            });

            StringAssert.StartsWith(name, "fnd-");
            CollectionAssert.DoesNotContain(NetworkNamespace.List(), name);
        }

        [TestMethod]
        public void RunReturnsExitCodeAndOutputOfTheCommandInsideTheNamespace()
        {
            Requirements.RequireNamespacesAndTap();
            using NetworkNamespace ns = NetworkNamespace.Create("fnd");
            CommandResult result = ns.Run("ip -o link show | wc -l; echo oops >&2; exit 3", 5000);
            Assert.AreEqual(3, result.ExitCode, result.ToString());
            Assert.AreEqual("1", result.StandardOutput.Trim(), "a fresh namespace has only lo: " + result);
            Assert.AreEqual("oops", result.StandardError.Trim());
            Assert.IsFalse(result.TimedOut);
        }

        [TestMethod]
        public void RunKillsACommandAtItsTimeOut()
        {
            Requirements.RequireNamespacesAndTap();
            using NetworkNamespace ns = NetworkNamespace.Create("fnd");
            var watch = Stopwatch.StartNew();
            CommandResult result = ns.Run("sleep 30", 300);
            Assert.IsTrue(result.TimedOut);
            Assert.AreEqual(-1, result.ExitCode);
            Assert.IsTrue(watch.ElapsedMilliseconds < 10000, "took " + watch.ElapsedMilliseconds + " ms");
        }

        [TestMethod]
        public void DisposeKillsBackgroundProcesses()
        {
            Requirements.RequireNamespacesAndTap();
            NamespaceProcess sleeper;
            string name;
            using (NetworkNamespace ns = NetworkNamespace.Create("fnd"))
            {
                name = ns.Name;
                sleeper = ns.Start("sleep 30");
                Assert.IsFalse(sleeper.HasExited);
            }

            Assert.IsTrue(sleeper.HasExited, "sleep 30 must be killed by Dispose");
            CollectionAssert.DoesNotContain(NetworkNamespace.List(), name);
        }
    }
}
