#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Tcp;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// A client whose request arrives while every slot is busy (it waits in the SYN-cookie admission queue) is served
    /// as soon as a slot frees, without waiting for its own backed-off retransmission timer.
    /// </summary>
    [TestClass]
    public class TcpAdmissionRequestTests
    {
        /// <summary>
        /// One slot, held by a first client; a second client connects (SYN cookie), sends a request of
        /// <paramref name="requestLength"/> bytes and waits <paramref name="wait"/> ms (not when its retransmission
        /// timer fires: at 1 s, then 3 s); then the slot frees. Returns the ms from the slot
        /// freeing until the server holds the whole request; <paramref name="timeouts"/> counts the client's
        /// retransmission timeouts after the slot freed.
        /// </summary>
        private static long ServedAfterSlotFrees(int seed, int requestLength, int wait, out int timeouts)
        {
            var pair = new TcpPair(seed, 1, null, new TcpConfiguration { SecretSeed = seed * 2 + 2, ConnectionCount = 1 });
            var listener = new TcpListener(pair.Server, 80, 4);
            listener.Start();
            TcpConnection first = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            Assert.IsTrue(pair.RunUntil(() => listener.Pending() && first.State == TcpState.Established, 5000), "first handshake");
            TcpConnection busy = listener.TryAccept();
            TcpConnection second = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            Assert.IsTrue(pair.RunUntil(() => second.State == TcpState.Established, 5000), "second handshake (by cookie)");
            var request = new byte[requestLength];
            for (int i = 0; i < request.Length; i++)
            {
                request[i] = (byte)i;
            }

            Assert.AreEqual(requestLength, second.TrySend(request, 0, request.Length));
            Assert.IsFalse(pair.RunUntil(() => listener.Pending(), wait), "no slot for the second client while the first holds it");
            Assert.AreEqual(1, pair.Server.AdmissionQueueLength, "the second client waits in the queue");
            int timeoutsBefore = pair.Client.Counters.RetransmissionTimeouts;
            long freed = pair.Clock.Milliseconds;
            busy.Abort();
            TcpConnection served = null;
            Assert.IsTrue(pair.RunUntil(() =>
            {
                served = served ?? listener.TryAccept();
                return served != null && served.Available == requestLength;
            }, 20000), "the second client is served");
            var got = new byte[requestLength];
            Assert.AreEqual(requestLength, served.TryReceive(got, 0, got.Length));
            for (int i = 0; i < got.Length; i++)
            {
                Assert.AreEqual((byte)i, got[i], "byte " + i + " of the request");
            }

            timeouts = pair.Client.Counters.RetransmissionTimeouts - timeoutsBefore;
            return pair.Clock.Milliseconds - freed;
        }

        [TestMethod]
        public void RequestKeptWhileQueuedIsServedWhenTheSlotFreesWithoutAClientRetransmission()
        {
            long elapsed = ServedAfterSlotFrees(61, 100, 2500, out int timeouts);
            Assert.AreEqual(0, timeouts, "the client retransmitted after the slot freed (served after " + elapsed + " ms)");
            Assert.IsTrue(elapsed <= 10, "served " + elapsed + " ms after the slot freed");
        }

        [TestMethod]
        public void RequestLongerThanTheQueueKeepsIsResentAtOnceWhenTheSlotFrees()
        {
            // 600 bytes: the record keeps 128; duplicate ACKs make the client resend the rest by fast retransmit. Before
            // its first timeout: after one, a NewReno client (RFC 6582 §4.1, as this stack) ignores duplicate ACKs
            // below its recovery point, while Linux resends on the first ACK of its loss recovery.
            long elapsed = ServedAfterSlotFrees(62, 600, 500, out int timeouts);
            Assert.AreEqual(0, timeouts, "the client waited for its retransmission timer after the slot freed (served after " + elapsed + " ms)");
            Assert.IsTrue(elapsed <= 10, "served " + elapsed + " ms after the slot freed");
        }
    }
}
