using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Tests.Host.Support;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Host.Ipv4
{
    [TestClass]
    public class AllocationTests
    {
        private static readonly uint A = Network.Subnet + 1;
        private static readonly uint Peer = Network.Subnet + 5;

        /// <summary>Plays prepared frames in turn and counts what the stack sends, allocating nothing.</summary>
        private sealed class ReplayLink : IEthernetLink
        {
            private readonly byte[][] _frames;
            private int _next;

            public ReplayLink(byte[][] frames)
            {
                _frames = frames;
            }

            public int Remaining { get; set; }

            public int SentFrames { get; private set; }

            public int SentBytes { get; private set; }

            public bool IsLinkUp => true;

            public void GetMacAddress(byte[] buffer, int offset) => Array.Copy(Frames.Mac(1), 0, buffer, offset, 6);

            public void Send(byte[] buffer, int offset, int length)
            {
                SentFrames++;
                SentBytes += length;
            }

            public int Receive(byte[] buffer, int offset, int capacity)
            {
                if (Remaining == 0)
                {
                    return 0;
                }

                Remaining--;
                byte[] frame = _frames[_next];
                _next = (_next + 1) % _frames.Length;
                Array.Copy(frame, 0, buffer, offset, frame.Length);
                return frame.Length;
            }
        }

        [TestMethod]
        public void PingAndUdpFramesAllocateNothing()
        {
            byte[] peerMac = Frames.Mac(5);
            var frames = new[]
            {
                Frames.Arp(ArpPacket.OperationRequest, peerMac, Peer, new byte[6], A),
                Frames.Ping(Frames.Mac(1), peerMac, Peer, A, 1, 1, Frames.Pattern(56)),
                Frames.Udp(Frames.Mac(1), peerMac, Peer, A, 4000, 7, Frames.Pattern(100)),
                Frames.Ping(Frames.Mac(1), peerMac, Peer, A, 1, 2, Frames.Pattern(1400)),
                Frames.Udp(Frames.Mac(1), peerMac, Peer, A, 4000, 7, Frames.Pattern(1000)),
            };
            var link = new ReplayLink(frames);
            var clock = new ManualClock(1000);
            var stack = new NetworkStack(link, clock, new NetworkConfiguration { Address = A, PrefixLength = 24 });
            stack.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => stack.Udp.Send(src, dport, sport, buf, off, len));

            // Warm up: every path once (JIT, the ARP entry for the peer), then measure.
            link.Remaining = 100;
            while (link.Remaining > 0)
            {
                stack.Poll();
            }

            // The least of up to five windows of 2,000 frames: the runtime's own occasional allocation (tiering) shows in
            // one window only, a real per-frame allocation in every one.
            int sentBefore = link.SentFrames;
            int rounds = 0;
            long allocated = SteadyState.AllocatedBytes(
                () =>
                {
                    rounds++;
                    link.Remaining = 2000;
                    while (link.Remaining > 0)
                    {
                        stack.Poll();
                    }
                },
                1);
            Assert.AreEqual(0L, allocated, "bytes allocated across 2,000 frames");
            Assert.AreEqual(rounds * 2000, link.SentFrames - sentBefore, "one reply (ARP, echo reply or UDP echo) per frame");
            Assert.AreEqual(0, stack.Drops.Total);
        }
    }
}
