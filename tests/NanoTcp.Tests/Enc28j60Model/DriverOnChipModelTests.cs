#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Tests.Enc28j60Driver;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>
    /// The driver on the chip model, portable (runs on nanoCLR too): a clock that steps 1 ms per read stands in for
    /// time, the model's cable side is used directly (no wire). The full driver and model tests live under Host/.
    /// </summary>
    [TestClass]
    public class DriverOnChipModelTests
    {
        private static Enc28j60Link Link(Enc28j60Chip chip, bool useInterruptPin)
        {
            var options = new Enc28j60Options();
            options.MacAddress = new byte[] { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x01 };
            var link = new Enc28j60Link(chip, useInterruptPin ? chip.InterruptPin : null, new SteppingClock(), options);
            link.Initialize();
            return link;
        }

        private static byte[] Frame(int length, int seed)
        {
            var frame = new byte[length];
            byte[] mac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x01 };
            for (int i = 0; i < 6; i++)
            {
                frame[i] = mac[i];
                frame[6 + i] = (byte)(0x10 + i);
            }

            frame[12] = 0x88;
            frame[13] = 0xB5;
            for (int i = 14; i < length; i++)
            {
                frame[i] = (byte)(i * 7 + seed);
            }

            return frame;
        }

        private static void AssertSame(byte[] expected, byte[] actual, int length)
        {
            Assert.AreEqual(expected.Length, length);
            for (int i = 0; i < length; i++)
            {
                Assert.AreEqual(expected[i], actual[i]);
            }
        }

        [TestMethod]
        public void TheDriverInitializesTheModelAsARevB7WithTheLinkUp()
        {
            var chip = new Enc28j60Chip(new SteppingClock(), new Enc28j60ModelOptions());
            Enc28j60Link link = Link(chip, false);
            Assert.AreEqual(0x06, link.RevisionId);
            Assert.IsTrue(link.IsLinkUp);
        }

        [TestMethod]
        public void FramesCrossTheModelInBothDirections()
        {
            var chip = new Enc28j60Chip(new SteppingClock(), new Enc28j60ModelOptions());
            Enc28j60Link link = Link(chip, true);
            var buffer = new byte[1514];
            for (int n = 0; n < 3; n++)
            {
                byte[] inbound = Frame(60 + 700 * n, n);
                chip.WireSide.Send(inbound, 0, inbound.Length);
                AssertSame(inbound, buffer, link.Receive(buffer, 0, buffer.Length));
                Assert.AreEqual(0, link.Receive(buffer, 0, buffer.Length));

                byte[] outbound = Frame(1514 - 700 * n, n + 10);
                link.Send(outbound, 0, outbound.Length);
                chip.Update();
                AssertSame(outbound, buffer, chip.WireSide.Receive(buffer, 0, buffer.Length));
            }

            Assert.AreEqual(3, (int)link.Statistics.FramesReceived);
            Assert.AreEqual(3, (int)link.Statistics.FramesSent);
        }
    }
}
