using System.Collections.Generic;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Sntp;
using NanoTcp.Wire;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// The SNTP client's cost on .NET: the bytes a stack allocates for it when built (the stack with the default
    /// SntpConfiguration against one with none), and the bytes allocated per request/reply exchange in steady state
    /// (stack B answers as an NTP server from a buffer allocated once).
    /// </summary>
    public static class SntpBenchmark
    {
        private const uint AddressA = 0x0A000001;
        private const uint AddressB = 0x0A000002;

        public static void Run(List<BenchmarkRow> rows)
        {
            var clock = new ManualClock(1000);
            NetworkStack Build(bool sntp)
            {
                var pair = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 });
                var configuration = new NetworkConfiguration { Address = AddressA, PrefixLength = 24 };
                configuration.Sntp = sntp ? new SntpConfiguration() : null;
                return new NetworkStack(pair.A, clock, configuration);
            }

            Build(true);
            Build(false);
            long with = Measure.AllocatedBytes(() => Build(true));
            long without = Measure.AllocatedBytes(() => Build(false));

            var link = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 });
            var clientConfiguration = new NetworkConfiguration { Address = AddressA, PrefixLength = 24 };
            clientConfiguration.Sntp.Servers = new uint[] { AddressB };
            clientConfiguration.Sntp.PollIntervalSeconds = 16;
            var a = new NetworkStack(link.A, clock, clientConfiguration);
            var b = new NetworkStack(link.B, clock, new NetworkConfiguration { Address = AddressB, PrefixLength = 24, Sntp = null });
            var reply = new byte[NtpPacket.Length];
            b.Udp.Bind(NtpPacket.ServerPort, (buf, off, len, src, sport, dst, dport) =>
            {
                long utc = 1796515200000 + clock.Milliseconds;
                System.Array.Clear(reply, 0, reply.Length);
                NtpPacket.SetFlags(reply, 0, 0, NtpPacket.Version4, NtpPacket.ModeServer);
                NtpPacket.SetStratum(reply, 0, 2);
                NtpPacket.SetOriginate(reply, 0, NtpPacket.TransmitSeconds(buf, off), NtpPacket.TransmitFraction(buf, off));
                NtpPacket.SetReceive(reply, 0, NtpTimestamp.SecondsOf(utc), NtpTimestamp.FractionOf(utc));
                NtpPacket.SetTransmit(reply, 0, NtpTimestamp.SecondsOf(utc), NtpTimestamp.FractionOf(utc));
                b.Udp.Send(src, NtpPacket.ServerPort, sport, reply, 0, reply.Length);
            });

            void Exchanges(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    clock.Advance(16000);
                    a.Poll();
                    b.Poll();
                    a.Poll();
                }
            }

            Exchanges(10);
            long bytes = Measure.AllocatedBytes(() => Exchanges(1000));
            rows.Add(new BenchmarkRow("SNTP client RAM (.NET)", (with - without).ToString(), "bytes", "NetworkStack with the default SntpConfiguration minus without"));
            rows.Add(new BenchmarkRow("SNTP exchange allocations", (bytes / 1000.0).ToString("F1"), "bytes/exchange", $"1,000 request/reply exchanges; {a.Sntp.Counters.Replies} replies used"));
        }
    }
}
