#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TimeWaitTableTests
    {
        [TestMethod]
        public void FullTableRecyclesTheRecordClosestToExpiry()
        {
            var table = new TimeWaitTable(2);
            table.Add(1, 80, 2, 1000, 10, 20, 5000);
            table.Add(1, 80, 2, 1001, 10, 20, 4000);
            table.Add(1, 80, 2, 1002, 10, 20, 6000);
            Assert.AreEqual(2, table.Count);
            Assert.AreEqual(1, table.Recycled);
            Assert.AreEqual(-1, table.Find(1, 80, 2, 1001));
            Assert.IsTrue(table.Find(1, 80, 2, 1000) >= 0);
            Assert.IsTrue(table.Find(1, 80, 2, 1002) >= 0);
        }

        [TestMethod]
        public void ExpireFreesDueRecordsAndReturnsTheNextExpiry()
        {
            var table = new TimeWaitTable(4);
            table.Add(1, 80, 2, 1000, 10, 20, 5000);
            int r = table.Add(1, 80, 2, 1001, 11, 21, 7000);
            Assert.AreEqual(7000L, table.Expire(5000));
            Assert.AreEqual(1, table.Count);
            Assert.AreEqual(11u, table.SndNxt(r));
            Assert.AreEqual(21u, table.RcvNxt(r));
            Assert.AreEqual(long.MaxValue, table.Expire(7000));
            Assert.AreEqual(0, table.Count);
        }
    }
}
