#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class StartupTests
    {
        [TestMethod]
        public void AStaticAddressIsAnnouncedByTheFirstPollNotWhileTheStackIsBuilt()
        {
            // A driver is typically initialised after the stack that uses it is built (the firmware wires both first).
            var link = new NotYetInitialisedLink();
            var stack = new NetworkStack(link, new ManualClock(), new NetworkConfiguration { Address = Network.Subnet + 7, PrefixLength = 24 });
            Assert.AreEqual(Network.Subnet + 7, stack.LocalAddress, "the address is set at once");
            Assert.AreEqual(0, link.FramesSent);

            link.Initialised = true;
            stack.Poll();

            Assert.AreEqual(1, link.FramesSent, "one gratuitous ARP");
            Assert.AreEqual(Network.Subnet + 7, ArpPacket.SenderProtocolAddress(link.LastFrame, 14));
            Assert.AreEqual(Network.Subnet + 7, ArpPacket.TargetProtocolAddress(link.LastFrame, 14));
            stack.Poll();
            Assert.AreEqual(1, link.FramesSent, "announced once");
        }

        /// <summary>Like a driver before Initialize(): sending throws.</summary>
        private sealed class NotYetInitialisedLink : IEthernetLink
        {
            public bool Initialised { get; set; }

            public int FramesSent { get; private set; }

            public byte[] LastFrame { get; private set; }

            public bool IsLinkUp => Initialised;

            public void GetMacAddress(byte[] buffer, int offset) => Array.Copy(new byte[] { 2, 0, 0, 0, 0, 7 }, 0, buffer, offset, 6);

            public void Send(byte[] buffer, int offset, int length)
            {
                if (!Initialised)
                {
                    throw new InvalidOperationException("call Initialize() before using the link");
                }

                FramesSent++;
                LastFrame = Frames.Slice(buffer, offset, length);
            }

            public int Receive(byte[] buffer, int offset, int capacity) => 0;
        }
    }
}
