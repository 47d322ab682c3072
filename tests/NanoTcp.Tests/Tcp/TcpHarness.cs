#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// One TCP layer under test and a scripted raw-segment peer: a manual clock, a fake IPv4 layer that captures
    /// what the layer sends, and <see cref="Inject"/> for crafted segments (checksummed like a real peer's).
    /// </summary>
    public sealed class TcpHarness
    {
        public const uint LocalAddress = 0x0A000001;   // 10.0.0.1, the layer under test
        public const uint PeerAddress = 0x0A000002;    // 10.0.0.2, the scripted peer
        public const int PeerPort = 40000;

        public TcpHarness(TcpConfiguration config = null, long start = 1000)
        {
            Clock = new ManualClock(start);
            Ip = new FakeIpv4Sender(LocalAddress);
            Config = config ?? new TcpConfiguration { SecretSeed = 12345 };
            if (Config.SecretSeed == 0)
            {
                Config.SecretSeed = 12345;
            }

            Layer = new TcpLayer(Ip, Clock, Config, null);
        }

        public ManualClock Clock { get; }

        public FakeIpv4Sender Ip { get; }

        public TcpConfiguration Config { get; }

        public TcpLayer Layer { get; }

        public long Now => Clock.Milliseconds;

        /// <summary>Builds and delivers one segment from the peer; returns its bytes.</summary>
        public byte[] Inject(uint seq, uint ack, int flags, int window = 8192, byte[] data = null, int mss = -1, int sourcePort = PeerPort, int destinationPort = 80, uint source = PeerAddress, byte[] options = null)
        {
            int optionsLength = options != null ? options.Length : (mss >= 0 ? 4 : 0);
            int headerLength = TcpHeader.MinLength + optionsLength;
            int dataLength = data == null ? 0 : data.Length;
            var b = new byte[headerLength + dataLength];
            TcpHeader.SetSourcePort(b, 0, (ushort)sourcePort);
            TcpHeader.SetDestinationPort(b, 0, (ushort)destinationPort);
            TcpHeader.SetSequenceNumber(b, 0, seq);
            TcpHeader.SetAcknowledgmentNumber(b, 0, ack);
            TcpHeader.SetDataOffset(b, 0, headerLength);
            TcpHeader.SetFlags(b, 0, (byte)flags);
            TcpHeader.SetWindow(b, 0, (ushort)window);
            if (options != null)
            {
                Array.Copy(options, 0, b, TcpHeader.MinLength, options.Length);
            }
            else if (mss >= 0)
            {
                TcpOptions.WriteMaximumSegmentSize(b, TcpHeader.MinLength, (ushort)mss);
            }

            if (data != null)
            {
                Array.Copy(data, 0, b, headerLength, dataLength);
            }

            TcpHeader.FillChecksum(b, 0, b.Length, source, LocalAddress);
            Layer.Receive(b, 0, b.Length, source, LocalAddress);
            return b;
        }

        /// <summary>The oldest segment the layer sent and the test has not looked at yet.</summary>
        public SentSegment Next()
        {
            Assert.IsTrue(Ip.Sent.Count > 0, "expected the layer to send a segment, but it sent nothing");
            SentSegment s = Ip.Sent.Dequeue();
            Assert.IsTrue(s.ChecksumCorrect, "checksum of " + s);
            Assert.AreEqual((byte)6, s.Protocol);
            return s;
        }

        public void ExpectNothingSent()
        {
            Assert.AreEqual(0, Ip.Sent.Count, Ip.Sent.Count > 0 ? "unexpected segment: " + Ip.Sent.Peek() : string.Empty);
        }

        /// <summary>Moves the clock and runs the timers.</summary>
        public long Advance(long milliseconds)
        {
            Clock.Advance(milliseconds);
            return Layer.Poll(Clock.Milliseconds);
        }

        /// <summary>Expects a segment with exactly these flags, seq and ack; returns it.</summary>
        public SentSegment Expect(int flags, uint seq, uint ack)
        {
            SentSegment s = Next();
            Assert.AreEqual(SentSegment.FlagNames(flags), SentSegment.FlagNames(s.Flags), "flags of " + s);
            Assert.AreEqual(seq, s.Seq, "seq of " + s);
            Assert.AreEqual(ack, s.Ack, "ack of " + s);
            return s;
        }

        /// <summary>
        /// Passive open on port 80 from the peer with ISN <paramref name="peerIss"/>: SYN in, SYN-ACK out, ACK in, accepted.
        /// Returns the accepted connection; <paramref name="iss"/> is the layer's ISN.
        /// </summary>
        public TcpConnection OpenPassive(uint peerIss, out uint iss, int window = 8192, int backlog = 2, TcpListener listener = null)
        {
            if (listener == null)
            {
                listener = new TcpListener(Layer, 80, backlog);
                listener.Start();
            }

            iss = Handshake(peerIss, window);
            TcpConnection c = listener.TryAccept();
            Assert.IsNotNull(c, "the handshake should leave a connection to accept");
            Assert.AreEqual(TcpState.Established, c.State);
            return c;
        }

        /// <summary>
        /// The peer's side of a passive open on port 80 from <paramref name="peerPort"/>: SYN in, SYN-ACK out, ACK in; the
        /// connection is left in the listener's queue. Returns the layer's ISN.
        /// </summary>
        public uint Handshake(uint peerIss, int window = 8192, int peerPort = PeerPort)
        {
            Inject(peerIss, 0, TcpHeader.Syn, window, null, 1460, peerPort);
            SentSegment synAck = Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags), "expected SYN-ACK, got " + synAck);
            Assert.AreEqual(peerIss + 1, synAck.Ack, "SYN-ACK acknowledges the SYN: " + synAck);
            Inject(peerIss + 1, synAck.Seq + 1, TcpHeader.Ack, window, null, -1, peerPort);
            return synAck.Seq;
        }

        /// <summary>Active open to the peer's port 80 answered by a SYN-ACK with ISN <paramref name="peerIss"/>.</summary>
        public TcpConnection OpenActive(uint peerIss, out uint iss, int window = 8192, int mss = 1460)
        {
            TcpConnection c = TcpConnection.BeginConnect(Layer, PeerAddress, 80);
            SentSegment syn = Next();
            Assert.IsTrue(syn.Syn && !syn.HasAck, "expected a SYN, got " + syn);
            iss = syn.Seq;
            Inject(peerIss, iss + 1, TcpHeader.Syn | TcpHeader.Ack, window, null, mss, 80, c.LocalPort);
            Expect(TcpHeader.Ack, iss + 1, peerIss + 1);
            Assert.AreEqual(TcpState.Established, c.State);
            return c;
        }
    }
}
