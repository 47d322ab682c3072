#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Sntp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Sntp
{
    /// <summary>Reads the counter a bad reply must land in.</summary>
    internal delegate int SntpCounterOf(SntpCounters counters);

    /// <summary>
    /// The malformed-reply corpus: each bad reply arrives on the request's port just before the good one; it must be
    /// dropped under exactly its reason, never thrown, and the good reply behind it must still set the clock.
    /// </summary>
    [TestClass]
    public class SntpBadReplyTests
    {
        private static void Check(string what, BadNtpReply corrupt, SntpCounterOf counter, ushort fromPort = NtpPacket.ServerPort, bool fromOtherAddress = false)
        {
            var net = new Network();
            var server = new ScriptedNtpServer(net, 123);
            server.Corrupt = corrupt;
            server.CorruptFromPort = fromPort;
            server.CorruptFromOtherAddress = fromOtherAddress;
            NetworkStack client = net.AddStack(1, c => c.Sntp.Servers = new uint[] { server.Address });
            net.Settle();
            SntpCounters counters = client.Sntp.Counters;
            Assert.AreEqual(1, counter(counters), what + ": counted under its reason");
            Assert.AreEqual(1, counters.Dropped, what + ": counted once");
            Assert.AreEqual(1, counters.Replies, what + ": the good reply is still used");
            Assert.AreEqual(server.UtcNow, client.Sntp.UtcMilliseconds, what + ": the clock from the good reply");
            Assert.AreEqual(0, client.Drops.Get(DropReason.HandlerFault), what + ": nothing thrown");
        }

        private static byte[] Copy(byte[] good) => Frames.Slice(good, 0, good.Length);

        private static byte[] WithFlags(byte[] good, int leap, int version, int mode)
        {
            byte[] bad = Copy(good);
            NtpPacket.SetFlags(bad, 0, leap, version, mode);
            return bad;
        }

        [TestMethod]
        public void AReplyShorterThanTheHeaderIsMalformed()
        {
            Check("47 bytes", good => Frames.Slice(good, 0, NtpPacket.Length - 1), c => c.DroppedMalformed);
            Check("empty", good => new byte[0], c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AVersionOtherThan3Or4IsMalformed()
        {
            Check("version 2", good => WithFlags(good, 0, 2, NtpPacket.ModeServer), c => c.DroppedMalformed);
            Check("version 5", good => WithFlags(good, 0, 5, NtpPacket.ModeServer), c => c.DroppedMalformed);
        }

        [TestMethod]
        public void AModeOtherThanServerIsDropped()
        {
            Check("mode 3", good => WithFlags(good, 0, 4, NtpPacket.ModeClient), c => c.DroppedWrongMode);
            Check("mode 5", good => WithFlags(good, 0, 4, 5), c => c.DroppedWrongMode);
        }

        [TestMethod]
        public void AnOriginateTimestampOtherThanOurTransmitTimestampIsDropped()
        {
            Check("seconds", good =>
            {
                byte[] bad = Copy(good);
                NtpPacket.SetOriginate(bad, 0, NtpPacket.OriginateSeconds(good, 0) + 1, NtpPacket.OriginateFraction(good, 0));
                return bad;
            }, c => c.DroppedWrongOrigin);
            Check("lowest fraction bit", good =>
            {
                byte[] bad = Copy(good);
                NtpPacket.SetOriginate(bad, 0, NtpPacket.OriginateSeconds(good, 0), NtpPacket.OriginateFraction(good, 0) ^ 1);
                return bad;
            }, c => c.DroppedWrongOrigin);
        }

        [TestMethod]
        public void AnUnsynchronizedServerIsDropped()
        {
            Check("leap 3", good => WithFlags(good, NtpPacket.LeapNotSynchronized, 4, NtpPacket.ModeServer), c => c.DroppedUnsynchronized);
        }

        [TestMethod]
        public void AStratumAbove15IsDropped()
        {
            Check("stratum 16", good =>
            {
                byte[] bad = Copy(good);
                NtpPacket.SetStratum(bad, 0, 16);
                return bad;
            }, c => c.DroppedBadStratum);
        }

        [TestMethod]
        public void AZeroTransmitOrReceiveTimestampIsDropped()
        {
            Check("transmit 0", good =>
            {
                byte[] bad = Copy(good);
                NtpPacket.SetTransmit(bad, 0, 0, 0);
                return bad;
            }, c => c.DroppedZeroTimestamp);
            Check("receive 0", good =>
            {
                byte[] bad = Copy(good);
                NtpPacket.SetReceive(bad, 0, 0, 0);
                return bad;
            }, c => c.DroppedZeroTimestamp);
        }

        [TestMethod]
        public void AReplyFromAnotherPortOrAddressIsDropped()
        {
            Check("port 124", good => Copy(good), c => c.DroppedWrongSource, 124);
            Check("another host", good => Copy(good), c => c.DroppedWrongSource, NtpPacket.ServerPort, true);
        }

        [TestMethod]
        public void RandomBytesOfEveryLengthAreDroppedNeverThrown()
        {
            var random = new System.Random(42);
            for (int length = 0; length <= 64; length += 4)
            {
                int n = length;
                Check("random " + n.ToString() + " bytes", good =>
                {
                    byte[] bad = new byte[n];
                    random.NextBytes(bad);
                    return bad;
                }, c => c.Dropped);
            }
        }
    }
}
