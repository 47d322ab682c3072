#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Simulation
{
    [TestClass]
    public class EthernetWireTests
    {
        private static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        private static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };
        private static readonly byte[] MacC = { 0x02, 0, 0, 0, 0, 0x0C };
        private static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        /// <summary>A frame of the local experimental EtherType, its payload filled with 0x5A.</summary>
        internal static byte[] Frame(byte[] destination, byte[] source, int payloadLength)
        {
            return Frame(destination, source, payloadLength, 0x5A, 0);
        }

        /// <summary>A frame whose payload is <paramref name="fill"/>, its first four payload bytes the big-endian <paramref name="tag"/>.</summary>
        internal static byte[] Frame(byte[] destination, byte[] source, int payloadLength, byte fill, int tag)
        {
            var frame = new byte[14 + payloadLength];
            Array.Copy(destination, 0, frame, 0, 6);
            Array.Copy(source, 0, frame, 6, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5; // IEEE 802 local experimental EtherType
            for (int i = 14; i < frame.Length; i++)
            {
                frame[i] = fill;
            }

            if (payloadLength >= 4)
            {
                frame[14] = (byte)(tag >> 24);
                frame[15] = (byte)(tag >> 16);
                frame[16] = (byte)(tag >> 8);
                frame[17] = (byte)tag;
            }

            return frame;
        }

        private static FrameQueue Drain(WirePort port)
        {
            var frames = new FrameQueue();
            var buffer = new byte[1600];
            for (int i = 0; i < 100000; i++)
            {
                int length = port.Receive(buffer, 0, buffer.Length);
                if (length == 0)
                {
                    break;
                }

                var frame = new byte[length];
                Array.Copy(buffer, 0, frame, 0, length);
                frames.Enqueue(frame);
            }

            return frames;
        }

        private static int Tag(byte[] frame)
        {
            return (frame[14] << 24) | (frame[15] << 16) | (frame[16] << 8) | frame[17];
        }

        /// <summary>The tags of the frames in <paramref name="frames"/>, in order.</summary>
        private static int[] Tags(FrameQueue frames)
        {
            var tags = new int[frames.Count];
            for (int i = 0; i < tags.Length; i++)
            {
                tags[i] = Tag(frames.Dequeue());
            }

            return tags;
        }

        [TestMethod]
        public void UnicastReachesOnlyThePortWithThatMac()
        {
            var wire = new EthernetWire(new ManualClock());
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            var c = wire.CreatePort(MacC);

            a.Send(Frame(MacB, MacA, 46), 0, 60);

            Assert.AreEqual(1, Drain(b).Count);
            Assert.AreEqual(0, Drain(c).Count, "C must not see B's unicast");
            Assert.AreEqual(0, Drain(a).Count, "the sender must not hear itself");
        }

        [TestMethod]
        public void BroadcastReachesEveryOtherPort()
        {
            var wire = new EthernetWire(new ManualClock());
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            var c = wire.CreatePort(MacC);

            a.Send(Frame(Broadcast, MacA, 46), 0, 60);

            Assert.AreEqual(1, Drain(b).Count);
            Assert.AreEqual(1, Drain(c).Count);
            Assert.AreEqual(0, Drain(a).Count);
        }

        [TestMethod]
        public void FramesArriveByteExactAfterTheDelayOfTheClock()
        {
            var clock = new ManualClock();
            var wire = new EthernetWire(clock);
            wire.Faults.DelayMilliseconds = 10;
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            var sent = Frame(MacB, MacA, 1500, 0x33, 77);

            a.Send(sent, 0, sent.Length);
            clock.Advance(9);
            Assert.AreEqual(0, Drain(b).Count, "nothing may arrive before the delay");
            clock.Advance(1);
            var received = Drain(b);

            Assert.AreEqual(1, received.Count);
            Expect.SameBytes(sent, received.Dequeue());
        }

        [TestMethod]
        public void AttachedLinkLearnsItsMacAndGetsUnicastFlooded()
        {
            var clock = new ManualClock();
            var wire = new EthernetWire(clock);
            var a = wire.CreatePort(MacA);
            var outside = new ScriptedLink();
            wire.Attach(outside);

            // Unknown destination: flooded to the attached link (a switch floods what it has not learned).
            a.Send(Frame(MacC, MacA, 46), 0, 60);
            wire.Pump();
            Assert.AreEqual(1, outside.Sent.Count);

            // The attached link speaks from MacC; the reply reaches A, and from now on C's frames go only to it.
            outside.ToSend.Enqueue(Frame(MacA, MacC, 46));
            Assert.AreEqual(1, Drain(a).Count);
            var b = wire.CreatePort(MacB);
            a.Send(Frame(MacC, MacA, 46), 0, 60);
            wire.Pump();
            Assert.AreEqual(2, outside.Sent.Count);
            Assert.AreEqual(0, Drain(b).Count, "a learned MAC is not flooded");
        }

        /// <summary>The tags of the frames that survive a 30 % drop rate on a wire seeded with <paramref name="seed"/>.</summary>
        private static int[] SurvivorsOfDrops(int seed)
        {
            var wire = new EthernetWire(new ManualClock(), seed);
            wire.Faults.DropRate = 0.3;
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            for (int i = 0; i < 1000; i++)
            {
                var frame = Frame(MacB, MacA, 46, 0x5A, i);
                a.Send(frame, 0, frame.Length);
            }

            return Tags(Drain(b));
        }

        private static bool SameTags(int[] first, int[] second)
        {
            if (first.Length != second.Length)
            {
                return false;
            }

            for (int i = 0; i < first.Length; i++)
            {
                if (first[i] != second[i])
                {
                    return false;
                }
            }

            return true;
        }

        [TestMethod]
        public void TheSameSeedDropsTheSameFrames()
        {
            int[] first = SurvivorsOfDrops(42);
            int[] second = SurvivorsOfDrops(42);
            int[] other = SurvivorsOfDrops(43);

            Assert.IsTrue(SameTags(first, second), "same seed, same survivors");
            Assert.IsFalse(SameTags(first, other), "another seed drops other frames");
            Assert.IsTrue(first.Length > 640 && first.Length < 760, "about 70% of 1000 frames survive a 30% drop rate, got " + first.Length.ToString());
        }

        [TestMethod]
        public void DuplicationDeliversAFrameTwice()
        {
            var wire = new EthernetWire(new ManualClock(), 7);
            wire.Faults.DuplicateRate = 1.0;
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);

            a.Send(Frame(MacB, MacA, 46, 0x5A, 5), 0, 60);

            int[] tags = Tags(Drain(b));
            Assert.AreEqual(2, tags.Length);
            Assert.AreEqual(5, tags[0]);
            Assert.AreEqual(5, tags[1]);
            Assert.AreEqual(1L, wire.Statistics.FramesDuplicated);
        }

        [TestMethod]
        public void CorruptionFlipsExactlyOnePayloadByteAndLeavesTheHeader()
        {
            var wire = new EthernetWire(new ManualClock(), 9);
            wire.Faults.CorruptRate = 1.0;
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            var sent = Frame(MacB, MacA, 200, 0x00, 0);

            a.Send(sent, 0, sent.Length);

            var received = Drain(b).Dequeue();
            int differing = 0;
            for (int i = 0; i < sent.Length; i++)
            {
                if (sent[i] != received[i])
                {
                    differing++;
                    Assert.IsTrue(i >= 14, "the Ethernet header is never corrupted");
                }
            }

            Assert.AreEqual(1, differing);
        }

        [TestMethod]
        public void ReorderedFramesAreOvertakenByLaterOnes()
        {
            var clock = new ManualClock();
            var wire = new EthernetWire(clock, 3);
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);

            wire.Faults.ReorderRate = 1.0;
            a.Send(Frame(MacB, MacA, 46, 0x5A, 1), 0, 60);
            wire.Faults.ReorderRate = 0.0;
            a.Send(Frame(MacB, MacA, 46, 0x5A, 2), 0, 60);
            clock.Advance(wire.Faults.ReorderDelayMilliseconds);

            int[] tags = Tags(Drain(b));
            Assert.AreEqual(2, tags.Length);
            Assert.AreEqual(2, tags[0]);
            Assert.AreEqual(1, tags[1]);
        }

        [TestMethod]
        public void AnUnpluggedPortNeitherSendsNorReceives()
        {
            var wire = new EthernetWire(new ManualClock());
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);

            a.IsLinkUp = false;
            a.Send(Frame(MacB, MacA, 46), 0, 60);
            Assert.AreEqual(0, Drain(b).Count);

            a.IsLinkUp = true;
            b.IsLinkUp = false;
            a.Send(Frame(MacB, MacA, 46), 0, 60);
            Assert.AreEqual(0, Drain(b).Count);
            Assert.AreEqual(2L, wire.Statistics.FramesLinkDown);
        }

        [TestMethod]
        public void AFrameLargerThanTheReadersBufferIsDroppedAndCounted()
        {
            var wire = new EthernetWire(new ManualClock());
            var a = wire.CreatePort(MacA);
            var b = wire.CreatePort(MacB);
            a.Send(Frame(MacB, MacA, 500), 0, 514);

            Assert.AreEqual(0, b.Receive(new byte[600], 0, 100));
            Assert.AreEqual(1L, wire.Statistics.FramesOverflowed);
        }

        /// <summary>An outside link scripted by the test (stands in for a TAP device or a chip's cable side).</summary>
        private sealed class ScriptedLink : IEthernetLink
        {
            public readonly FrameQueue ToSend = new FrameQueue();

            public readonly FrameQueue Sent = new FrameQueue();

            public bool IsLinkUp
            {
                get { return true; }
            }

            public void GetMacAddress(byte[] buffer, int offset)
            {
                Array.Copy(MacC, 0, buffer, offset, 6);
            }

            public void Send(byte[] buffer, int offset, int length)
            {
                var frame = new byte[length];
                Array.Copy(buffer, offset, frame, 0, length);
                Sent.Enqueue(frame);
            }

            public int Receive(byte[] buffer, int offset, int capacity)
            {
                if (ToSend.Count == 0)
                {
                    return 0;
                }

                var frame = ToSend.Dequeue();
                Array.Copy(frame, 0, buffer, offset, frame.Length);
                return frame.Length;
            }
        }
    }
}
