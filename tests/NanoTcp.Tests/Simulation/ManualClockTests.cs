#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Simulation
{
    [TestClass]
    public class ManualClockTests
    {
        [TestMethod]
        public void AdvanceMovesTheClockByExactlyTheStep()
        {
            var clock = new ManualClock(100);
            clock.Advance(250);
            Assert.AreEqual(350L, clock.Milliseconds);
        }

        [TestMethod]
        public void AdvancingBackwardsIsRefused()
        {
            var clock = new ManualClock();
            Expect.Throws(typeof(ArgumentOutOfRangeException), () => clock.Advance(-1));
            Assert.AreEqual(0L, clock.Milliseconds);
        }
    }
}
