using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Tcp;
using NanoTcp.Wire;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// What an off-path attacker could guess (RFC 6528, RFC 6056, RFC 4987): over 10,000 connections the ISNs, the SYN
    /// cookies' hashed bits and the ephemeral ports repeat no more than chance, their bits are balanced, and the steps
    /// between consecutive ones are as spread as the values; and one four-tuple's ISNs only move forward.
    /// </summary>
    [TestClass]
    public class UnpredictabilityTests
    {
        private const int Connections = 10000;
        private const int EphemeralPorts = 16384;

        public TestContext TestContext { get; set; }

        /// <summary>Active opens from the layer under test to one server, each aborted at once: the SYNs' ISNs and source ports.</summary>
        private static void ActiveOpens(out uint[] isns, out uint[] ports)
        {
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 11 });
            var random = new SeededRandom(3);
            isns = new uint[Connections];
            ports = new uint[Connections];
            for (int i = 0; i < Connections; i++)
            {
                TcpConnection c = TcpConnection.BeginConnect(h.Layer, TcpHarness.PeerAddress, 80);
                SentSegment syn = h.Next();
                Assert.AreEqual("S", SentSegment.FlagNames(syn.Flags));
                isns[i] = syn.Seq;
                ports[i] = (uint)syn.SourcePort;
                c.Abort();
                while (h.Ip.Sent.Count > 0)
                {
                    h.Next();
                }

                h.Advance(random.Next(3));
            }
        }

        [TestMethod]
        public void IsnsOfTenThousandActiveOpensRepeatNoMoreThanChanceWithBalancedBitsAndSpreadSteps()
        {
            ActiveOpens(out uint[] isns, out uint[] _);
            TestContext.WriteLine("ISNs: " + RandomnessStatistics.Describe(isns, 32, 4294967296.0) + "; steps: " + RandomnessStatistics.Describe(RandomnessStatistics.Deltas(isns, 0xFFFFFFFF), 32, 4294967296.0));
            Assert.IsTrue(RandomnessStatistics.EqualPairs(isns) <= 2, "ISNs repeated: " + RandomnessStatistics.EqualPairs(isns) + " equal pairs, chance gives " + RandomnessStatistics.ExpectedEqualPairs(Connections, 4294967296.0));
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(isns, 32, "ISN"));
            uint[] steps = RandomnessStatistics.Deltas(isns, 0xFFFFFFFF);
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(steps, 32, "step between ISNs"));
            Assert.IsTrue(RandomnessStatistics.MostRepeated(steps) <= 2, "one step between ISNs occurs " + RandomnessStatistics.MostRepeated(steps) + " times");
        }

        [TestMethod]
        public void EphemeralPortsOfTenThousandConnectionsToOneServerAreNotAPredictableSequence()
        {
            ActiveOpens(out uint[] _, out uint[] ports);
            TestContext.WriteLine("ports: " + RandomnessStatistics.Describe(ports, 14, EphemeralPorts) + "; steps: " + RandomnessStatistics.Describe(RandomnessStatistics.Deltas(ports, EphemeralPorts - 1), 14, EphemeralPorts));
            foreach (uint port in ports)
            {
                Assert.IsTrue(port >= 49152 && port <= 65535, "port " + port + " outside the dynamic range");
            }

            // 10,000 draws from 16,384 ports: about 3,050 pairs of equal values by chance, at most a handful of
            // repeats of one port; a counter gives none, a fixed step the same step every time.
            long pairs = RandomnessStatistics.EqualPairs(ports);
            double expected = RandomnessStatistics.ExpectedEqualPairs(Connections, EphemeralPorts);
            Assert.IsTrue(pairs > expected / 2 && pairs < expected * 2, pairs + " pairs of equal ports, chance gives " + expected);
            Assert.IsTrue(RandomnessStatistics.MostRepeated(ports) <= 10, "one port used " + RandomnessStatistics.MostRepeated(ports) + " times");
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(ports, 14, "port"));
            uint[] steps = RandomnessStatistics.Deltas(ports, EphemeralPorts - 1);
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(steps, 14, "step between ports"));
            Assert.IsTrue(RandomnessStatistics.MostRepeated(steps) <= 10, "one step between ports occurs " + RandomnessStatistics.MostRepeated(steps) + " times");
        }

        [TestMethod]
        public void SynCookiesOfTenThousandSynsHaveUnpredictableHashBits()
        {
            // Two half-open slots (HalfOpenLimit) taken and kept; every later SYN, from random ports and ISNs, is
            // answered with a cookie. Its top 8 bits are the time counter and the MSS index (RFC 4987 §3.6: known by
            // design); the 24 below are the keyed hash an attacker must guess.
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 12 });
            new TcpListener(h.Layer, 80, 4).Start();
            var random = new SeededRandom(4);
            var cookies = new uint[Connections];
            int i = 0;
            while (i < Connections)
            {
                int before = h.Layer.Counters.SynCookiesSent;
                uint isn = random.NextUInt32();
                h.Inject(isn, 0, TcpHeader.Syn, 8192, null, 1460, 1024 + random.Next(60000), 80, TcpHarness.PeerAddress + (uint)random.Next(200));
                while (h.Ip.Sent.Count > 0)
                {
                    // The half-open slots' own SYN-ACK retransmissions come out too: take the answer to this SYN.
                    SentSegment synAck = h.Next();
                    if (synAck.Ack == isn + 1 && h.Layer.Counters.SynCookiesSent != before)
                    {
                        cookies[i++] = synAck.Seq & 0x00FFFFFF;
                    }
                }

                h.Advance(random.Next(20));
            }

            TestContext.WriteLine("cookie hashes: " + RandomnessStatistics.Describe(cookies, 24, 1 << 24) + "; steps: " + RandomnessStatistics.Describe(RandomnessStatistics.Deltas(cookies, 0x00FFFFFF), 24, 1 << 24));
            long pairs = RandomnessStatistics.EqualPairs(cookies);
            double expected = RandomnessStatistics.ExpectedEqualPairs(Connections, 1 << 24);
            Assert.IsTrue(pairs <= (expected * 3) + 5, pairs + " pairs of equal cookie hashes, chance gives " + expected);
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(cookies, 24, "cookie hash"));
            uint[] steps = RandomnessStatistics.Deltas(cookies, 0x00FFFFFF);
            Assert.IsNull(RandomnessStatistics.UnbalancedBit(steps, 24, "step between cookie hashes"));
            Assert.IsTrue(RandomnessStatistics.MostRepeated(steps) <= 3, "one step between cookies occurs " + RandomnessStatistics.MostRepeated(steps) + " times");
        }

        [TestMethod]
        public void IsnsOfOneFourTupleOnlyMoveForwardEvenWithinOneMillisecond()
        {
            // RFC 6528 §3 and RFC 9293 §3.4.1: the ISNs of one connection's incarnations follow a clock, so an old
            // duplicate cannot be taken for the new one. The peer opens, resets and opens again from the same port,
            // often within the same millisecond: every ISN lies ahead of the one before.
            var h = new TcpHarness(new TcpConfiguration { SecretSeed = 13 });
            new TcpListener(h.Layer, 80, 4).Start();
            var random = new SeededRandom(5);
            uint previous = 0;
            for (int i = 0; i < Connections; i++)
            {
                h.Inject(1000, 0, TcpHeader.Syn, 8192, null, 1460);
                SentSegment synAck = h.Next();
                Assert.AreEqual("SA", SentSegment.FlagNames(synAck.Flags), "connection " + i);
                if (i > 0)
                {
                    Assert.IsTrue(SequenceNumber.GreaterThan(synAck.Seq, previous), "connection " + i + ": ISN " + synAck.Seq + " not after " + previous + " at " + h.Now + " ms");
                }

                previous = synAck.Seq;
                h.Inject(1001, 0, TcpHeader.Rst, 0);
                Assert.AreEqual(0, h.Layer.ConnectionsInUse, "connection " + i + " was not reset");
                h.Advance(random.Next(3) == 0 ? 1 : 0);
            }
        }
    }
}
