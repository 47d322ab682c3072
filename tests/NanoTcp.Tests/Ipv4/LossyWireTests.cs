#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace NanoTcp.Tests.Ipv4
{
    [TestClass]
    public class LossyWireTests
    {
        [TestMethod]
        public void PingsAndDatagramsSurviveLossDuplicationReorderingAndCorruption()
        {
            var net = new Network(seed: 4242);
            var a = net.AddStack(1);
            var b = net.AddStack(2);
            net.Wire.Faults.DropRate = 0.1;
            net.Wire.Faults.DuplicateRate = 0.1;
            net.Wire.Faults.ReorderRate = 0.1;
            net.Wire.Faults.CorruptRate = 0.1;
            int echoed = 0;
            b.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => b.Udp.Send(src, dport, sport, buf, off, len));
            a.Udp.Bind(4000, (buf, off, len, src, sport, dst, dport) => echoed++);
            for (int i = 0; i < 200; i++)
            {
                a.Icmp.SendEchoRequest(Network.Subnet + 2, 1, (ushort)i, Frames.Pattern(100, i), 0, 100);
                a.Udp.Send(Network.Subnet + 2, 4000, 7, Frames.Pattern(300, i), 0, 300);
                net.Run(200, 10);
            }

            net.Run(5000);
            Assert.AreEqual(0, a.Drops.Get(DropReason.HandlerFault));
            Assert.AreEqual(0, b.Drops.Get(DropReason.HandlerFault));
            Assert.IsTrue(net.Wire.Statistics.FramesCorrupted > 0 && net.Wire.Statistics.FramesDropped > 0, "the faults happened");
            Assert.IsTrue(a.Icmp.EchoRepliesReceived >= 140, "echo replies: " + a.Icmp.EchoRepliesReceived + " of 200");
            Assert.IsTrue(echoed >= 140, "UDP echoes: " + echoed + " of 200");
            int corruptionCaught = a.Drops.Get(DropReason.Ipv4BadChecksum) + a.Drops.Get(DropReason.IcmpBadChecksum) + a.Drops.Get(DropReason.UdpBadChecksum)
                + b.Drops.Get(DropReason.Ipv4BadChecksum) + b.Drops.Get(DropReason.IcmpBadChecksum) + b.Drops.Get(DropReason.UdpBadChecksum);
            Assert.IsTrue(corruptionCaught > 0, "corrupted frames are caught by a checksum");
        }
    }
}
