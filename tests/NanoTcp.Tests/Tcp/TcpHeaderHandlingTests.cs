#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Header fields and options as the TCP layer reads and writes them.</summary>
    [TestClass]
    public class TcpHeaderHandlingTests
    {
        private const int S = TcpHeader.Syn;
        private const int A = TcpHeader.Ack;
        private const int P = TcpHeader.Psh;

        [TestMethod]
        public void SentHeadersHaveZeroReservedBitsZeroUrgentPointerAndACorrectPseudoHeaderChecksum()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenActive(5000, out uint iss);
            c.TrySend(new byte[] { 1, 2, 3 }, 0, 3);
            SentSegment d = h.Next();
            Assert.IsTrue(d.ChecksumCorrect);
            Assert.AreEqual(0, TcpHeader.Reserved(d.Bytes, 0));
            Assert.AreEqual(0, TcpHeader.Flags(d.Bytes, 0) & 0xC0, "ECE/CWR never set");
            Assert.AreEqual((ushort)0, TcpHeader.UrgentPointer(d.Bytes, 0));
            Assert.AreEqual(20, TcpHeader.DataOffset(d.Bytes, 0));
            Assert.AreEqual(TcpHarness.LocalAddress, d.Source);
        }

        [TestMethod]
        public void ReservedBitsAreIgnoredOnReceive()
        {
            var h = new TcpHarness();
            TcpConnection c = h.OpenPassive(1000, out uint iss);
            byte[] b = new byte[23];
            TcpHeader.SetSourcePort(b, 0, TcpHarness.PeerPort);
            TcpHeader.SetDestinationPort(b, 0, 80);
            TcpHeader.SetSequenceNumber(b, 0, 1001);
            TcpHeader.SetAcknowledgmentNumber(b, 0, iss + 1);
            b[12] = 0x5F; // data offset 5, all four reserved bits set
            b[13] = (byte)(A | P | 0xC0); // with ECE and CWR
            TcpHeader.SetWindow(b, 0, 8192);
            b[20] = 7;
            TcpHeader.FillChecksum(b, 0, 23, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            h.Layer.Receive(b, 0, 23, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            Assert.AreEqual(3, c.Available);
        }

        [TestMethod]
        public void BadChecksumIsDroppedAndCounted()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            byte[] b = new byte[20];
            TcpHeader.SetSourcePort(b, 0, TcpHarness.PeerPort);
            TcpHeader.SetDestinationPort(b, 0, 80);
            TcpHeader.SetDataOffset(b, 0, 20);
            TcpHeader.SetFlags(b, 0, (byte)S);
            TcpHeader.FillChecksum(b, 0, 20, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            b[4] ^= 1;
            h.Layer.Receive(b, 0, 20, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            h.ExpectNothingSent();
            Assert.AreEqual(1, h.Layer.Counters.DroppedBadChecksum);
        }

        [TestMethod]
        public void TruncatedHeaderOrBadDataOffsetIsDroppedNeverThrows()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            h.Layer.Receive(new byte[10], 0, 10, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            byte[] b = new byte[20];
            b[12] = 0x40; // data offset 16 bytes < 20
            h.Layer.Receive(b, 0, 20, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            b[12] = 0xF0; // 60 bytes > segment
            h.Layer.Receive(b, 0, 20, TcpHarness.PeerAddress, TcpHarness.LocalAddress);
            h.ExpectNothingSent();
            Assert.AreEqual(3, h.Layer.Counters.DroppedMalformedHeader);
        }

        [TestMethod]
        public void UnknownOptionsAreSkippedByTheirLengthAndNopEndAreHonoured()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            // NOP, unknown kind 30 length 4, MSS 1000, End, padding.
            byte[] options = { 1, 30, 4, 0xAA, 0xBB, 2, 4, 0x03, 0xE8, 0, 0, 0 };
            h.Inject(1000, 0, S, 8192, null, -1, TcpHarness.PeerPort, 80, TcpHarness.PeerAddress, options);
            SentSegment synAck = h.Next();
            Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags));
            Assert.AreEqual(1000, h.Layer.Slot(0).SndMss);
        }

        [TestMethod]
        public void MalformedOptionListsAreDroppedNeverCrash()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            byte[][] lists =
            {
                new byte[] { 30, 0, 1, 1 },          // length 0
                new byte[] { 30, 1, 1, 1 },          // length 1
                new byte[] { 1, 1, 30, 8 },          // length past the header
                new byte[] { 1, 1, 1, 2 },           // kind without its length byte
                new byte[] { 2, 3, 5, 0 },           // MSS of the wrong length
            };
            foreach (byte[] options in lists)
            {
                h.Inject(1000, 0, S, 8192, null, -1, TcpHarness.PeerPort, 80, TcpHarness.PeerAddress, options);
            }

            h.ExpectNothingSent();
            Assert.AreEqual(5, h.Layer.Counters.DroppedBadOptions);
            Assert.AreEqual(0, h.Layer.ConnectionsInUse);
        }

        [TestMethod]
        public void WindowScaleSackPermittedAndTimestampsAreIgnoredAndNotEchoed()
        {
            var h = new TcpHarness();
            new TcpListener(h.Layer, 80, 2).Start();
            // MSS 1460, SACK-permitted, timestamps, NOP, window scale 7 (as Linux sends them).
            byte[] options = { 2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 };
            h.Inject(1000, 0, S, 64240, null, -1, TcpHarness.PeerPort, 80, TcpHarness.PeerAddress, options);
            SentSegment synAck = h.Next();
            Assert.AreEqual(24, TcpHeader.DataOffset(synAck.Bytes, 0), "only our MSS option");
            Assert.AreEqual(-1, TcpOptions.Find(synAck.Bytes, 20, 4, TcpOptions.WindowScaleKind));
            Assert.AreEqual(-1, TcpOptions.Find(synAck.Bytes, 20, 4, TcpOptions.SackPermittedKind));
            Assert.AreEqual(-1, TcpOptions.Find(synAck.Bytes, 20, 4, TcpOptions.TimestampsKind));
            Assert.AreEqual(64240, h.Layer.Slot(0).SndWnd, "the window is taken unscaled");
        }
    }
}
