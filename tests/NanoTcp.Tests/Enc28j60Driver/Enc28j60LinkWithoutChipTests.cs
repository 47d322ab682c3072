#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using System.IO;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>What the driver does when no ENC28J60 answers, or when it is misused; no chip model needed.</summary>
    [TestClass]
    public class Enc28j60LinkWithoutChipTests
    {
        private static Enc28j60Options Options()
        {
            var options = new Enc28j60Options();
            options.MacAddress = new byte[] { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
            return options;
        }

        [TestMethod]
        public void MisoStuckHighFailsInitializeNamingEstat()
        {
            var driver = new Enc28j60Link(new FixedMisoBus(0xFF), null, new SteppingClock(), Options());
            Exception e = Expect.Throws(typeof(IOException), () => driver.Initialize());
            Assert.IsTrue(e.Message.IndexOf("ESTAT reads 0xFF") >= 0, e.Message);
        }

        [TestMethod]
        public void MisoStuckLowFailsInitializeNamingClkrdy()
        {
            var driver = new Enc28j60Link(new FixedMisoBus(0x00), null, new SteppingClock(), Options());
            Exception e = Expect.Throws(typeof(TimeoutException), () => driver.Initialize());
            Assert.IsTrue(e.Message.IndexOf("ESTAT.CLKRDY") >= 0, e.Message);
        }

        [TestMethod]
        public void AClockThatNeverMovesEndsTheResetWaitWithAnException()
        {
            var bus = new FixedMisoBus(0x00);
            var driver = new Enc28j60Link(bus, null, new FrozenClock(), Options());
            Exception e = Expect.Throws(typeof(TimeoutException), () => driver.Initialize());
            Assert.IsTrue(e.Message.IndexOf("tick source did not advance") >= 0, e.Message);

            // Only the wake-up BFC was sent before the first wait.
            Assert.AreEqual(1, bus.Frames);
        }

        [TestMethod]
        public void ReceiveBeforeInitializeIsRefused()
        {
            var driver = new Enc28j60Link(new FixedMisoBus(0x00), null, new SteppingClock(), Options());
            Expect.Throws(typeof(InvalidOperationException), () => driver.Receive(new byte[1514], 0, 1514));
        }

        [TestMethod]
        public void AMacAddressOfOtherThanSixBytesIsRefused()
        {
            var options = Options();
            options.MacAddress = new byte[5];
            Expect.Throws(typeof(ArgumentException), () => new Enc28j60Link(new FixedMisoBus(0x00), null, new SteppingClock(), options));
        }

        [TestMethod]
        public void ATransmitAreaNotOnA256BytePageIsRefused()
        {
            var options = Options();
            options.TransmitBufferStart = 0x1A02;
            Expect.Throws(typeof(ArgumentOutOfRangeException), () => new Enc28j60Link(new FixedMisoBus(0x00), null, new SteppingClock(), options));
        }

        [TestMethod]
        public void ATransmitAreaTooSmallForAFullFrameIsRefused()
        {
            var options = Options();
            options.TransmitBufferStart = 0x1B00;
            Expect.Throws(typeof(ArgumentOutOfRangeException), () => new Enc28j60Link(new FixedMisoBus(0x00), null, new SteppingClock(), options));
        }
    }
}
