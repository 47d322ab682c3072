#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    [TestClass]
    public class TcpRandomizedTransferTests
    {
        /// <summary>
        /// Forty seeded runs with odd buffer sizes, random write and read sizes, Nagle on or off, 15% loss, 10%
        /// duplication and 20% reordering: 100 kB each way arrives byte-exact and both tables are empty afterwards.
        /// </summary>
        [TestMethod]
        public void RandomizedTransfersUnderHeavyFaultsArriveExactAndFreeEverySlot()
        {
            string failures = "";
            for (int seed = 100; seed < 140; seed++)
            {
                var pair = new TcpPair(seed, seed % 3, new TcpConfiguration { SecretSeed = seed, MinimumRetransmissionTimeout = 200, MaximumRetransmissions = 30, SendBufferSize = 1000 + seed * 37, ReceiveBufferSize = 700 + seed * 53 }, new TcpConfiguration { SecretSeed = seed + 1000, MinimumRetransmissionTimeout = 200, MaximumRetransmissions = 30 });
                var listener = new TcpListener(pair.Server, 80, 2);
                listener.Start();
                pair.DropRate = 0.15; pair.DuplicateRate = 0.1; pair.ReorderRate = 0.2;
                TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
                if (seed % 2 == 0) client.NoDelay = true;
                if (!pair.RunUntil(() => listener.Pending() && client.State == TcpState.Established, 300000)) { failures += seed + ":handshake "; continue; }
                TcpConnection server = listener.TryAccept();
                int size = 100000 + seed;
                byte[] up = new byte[size]; byte[] down = new byte[size];
                new SeededRandom(seed).NextBytes(up); new SeededRandom(seed + 1).NextBytes(down);
                byte[] ur = new byte[size]; byte[] dr = new byte[size];
                int us = 0, ds = 0, ug = 0, dg = 0;
                var rnd = new SeededRandom(seed);
                bool done = pair.RunUntil(() =>
                {
                    if (us < size) { us += client.TrySend(up, us, Numbers.Min(rnd.Next(1, 3000), size - us)); if (us == size) client.Shutdown(); }
                    if (ds < size) { ds += server.TrySend(down, ds, Numbers.Min(rnd.Next(1, 3000), size - ds)); if (ds == size) server.Shutdown(); }
                    ug += server.TryReceive(ur, ug, Numbers.Min(rnd.Next(1, 2000), size - ug));
                    if (client.State != TcpState.Closed || client.Available > 0) { try { dg += client.TryReceive(dr, dg, size - dg); } catch (TcpException) { } }
                    return ug == size && server.EndOfStream && ds == size;
                }, 3600L * 1000);
                bool ok = done && ug == size;
                for (int i = 0; ok && i < size; i++) ok = ur[i] == up[i];
                if (!ok) failures += $"{seed}:up {ug} ";
                server.Close();

                // The client half-closed (Close with the download unread would reset it, RFC 1122 §4.2.2.13): it reads
                // to the end of the stream, then closes.
                pair.RunUntil(() =>
                {
                    if (client.Available > 0) { dg += client.TryReceive(dr, dg, size - dg); }
                    if (client.EndOfStream) { client.Close(); }
                    return pair.Server.ConnectionsInUse == 0 && pair.Client.ConnectionsInUse == 0;
                }, 600000);
                bool downOk = dg == size;
                for (int i = 0; downOk && i < size; i++) downOk = dr[i] == down[i];
                if (!downOk) failures += $"{seed}:down {dg} ";
                if (pair.Server.ConnectionsInUse != 0 || pair.Client.ConnectionsInUse != 0) failures += $"{seed}:slots {pair.Client.ConnectionsInUse}/{pair.Server.ConnectionsInUse} {pair.Client.Slot(0).State} {pair.Server.Slot(0).State} ";
            }

            Assert.IsTrue(failures.Length == 0, "failed seeds: " + failures);
        }
    }
}
