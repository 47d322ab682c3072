using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using NanoTcp.Tests.Tcp;

namespace NanoTcp.Tests.Host.Tcp
{
    /// <summary>
    /// Two stacks with the board's 8 KB rings on a seeded lossy wire (manual clock): losses are repaired by fast
    /// retransmit and NewReno recovery far more often than by the retransmission timer, and the data arrives byte-exact.
    /// </summary>
    [TestClass]
    public sealed class TcpLossRecoveryTests
    {
        private const int Size = 1 << 20;

        /// <summary>Sends <see cref="Size"/> bytes server → client on a wire dropping <paramref name="dropRate"/>; returns the server layer.</summary>
        private static TcpLayer Download(int seed, double dropRate, out TcpPair pair)
        {
            var clientConfig = new TcpConfiguration { SecretSeed = 21, SendBufferSize = 8192, ReceiveBufferSize = 8192 };
            var serverConfig = new TcpConfiguration { SecretSeed = 22, SendBufferSize = 8192, ReceiveBufferSize = 8192 };
            pair = new TcpPair(seed, 2, clientConfig, serverConfig);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            TcpConnection server = null;
            for (int i = 0; i < 10000 && server == null; i++)
            {
                pair.Step(1);
                server = listener.TryAccept();
            }

            Assert.IsNotNull(server, "handshake");
            pair.DropRate = dropRate;
            byte[] data = new byte[Size];
            new Random(seed).NextBytes(data);
            byte[] received = new byte[Size];
            int sent = 0, got = 0;
            for (int ms = 0; ms < 3600 * 1000 && got < Size; ms++)
            {
                if (sent < Size)
                {
                    sent += server.TrySend(data, sent, Math.Min(8192, Size - sent));
                }

                got += client.TryReceive(received, got, Size - got);
                pair.Step(1);
            }

            Assert.AreEqual(Size, got, "transfer incomplete after " + pair.Clock.Milliseconds + " ms");
            for (int i = 0; i < Size; i++)
            {
                if (received[i] != data[i])
                {
                    Assert.Fail("byte " + i + " differs");
                }
            }

            return pair.Server;
        }

        [TestMethod]
        public void OneMegabyteOnAWireLosingTwoPercentIsRepairedMostlyByFastRetransmit()
        {
            TcpLayer server = Download(5, 0.02, out TcpPair pair);
            TcpCounters c = server.Counters;
            Console.WriteLine("2 % loss: " + pair.Clock.Milliseconds + " ms simulated, " + pair.Dropped + " dropped, " + c.FastRetransmits
                + " fast retransmits, " + c.PartialAckRetransmits + " partial-ACK retransmits, " + c.RetransmissionTimeouts + " timeouts, "
                + c.Retransmissions + " segments resent");
            Assert.IsTrue(pair.Dropped > 15, "faults were injected: " + pair.Dropped);
            Assert.IsTrue(c.Retransmissions <= pair.Dropped, "no more resent than lost (no going back over a window): " + c.Retransmissions + " resent, " + pair.Dropped + " dropped");
            Assert.IsTrue(c.FastRetransmits + c.PartialAckRetransmits > 3 * c.RetransmissionTimeouts,
                "fast retransmits " + c.FastRetransmits + " + partial " + c.PartialAckRetransmits + " against timeouts " + c.RetransmissionTimeouts);
        }
    }
}
