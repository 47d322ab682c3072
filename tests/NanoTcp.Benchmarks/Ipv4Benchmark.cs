using System.Collections.Generic;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Benchmarks
{
    /// <summary>UDP and ICMP echo between two stacks on a zero-allocation crossover cable with a manual clock.</summary>
    public static class Ipv4Benchmark
    {
        private const uint AddressA = 0x0A000001;
        private const uint AddressB = 0x0A000002;

        public static void Run(List<BenchmarkRow> rows)
        {
            var clock = new ManualClock();
            var pair = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 });
            var a = new NetworkStack(pair.A, clock, new NetworkConfiguration { Address = AddressA, PrefixLength = 24 });
            var b = new NetworkStack(pair.B, clock, new NetworkConfiguration { Address = AddressB, PrefixLength = 24 });
            var payload = new byte[512];
            int echoed = 0;
            b.Udp.Bind(7, (buf, off, len, src, sport, dst, dport) => b.Udp.Send(src, 7, sport, buf, off, len));
            a.Udp.Bind(4000, (buf, off, len, src, sport, dst, dport) => echoed++);

            void UdpRoundTrips(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    a.Udp.Send(AddressB, 4000, 7, payload, 0, payload.Length);
                    b.Poll();
                    a.Poll();
                }
            }

            void PingRoundTrips(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    a.Icmp.SendEchoRequest(AddressB, 1, (ushort)i, payload, 0, 56);
                    b.Poll();
                    a.Poll();
                }
            }

            UdpRoundTrips(100);
            double udp = Measure.NanosecondsPerOperation(UdpRoundTrips, 50_000);
            long udpBytes = Measure.AllocatedBytes(() => UdpRoundTrips(10_000));
            double ping = Measure.NanosecondsPerOperation(PingRoundTrips, 50_000);
            long pingBytes = Measure.AllocatedBytes(() => PingRoundTrips(10_000));

            rows.Add(new BenchmarkRow("UDP echo 512 B, two stacks", (1e9 / udp).ToString("F0"), "round trips/s", $"{udp / 1000:F1} µs each; {echoed} echoes"));
            rows.Add(new BenchmarkRow("UDP echo allocations", (udpBytes / 20_000.0).ToString("F1"), "bytes/frame", "20,000 frames"));
            rows.Add(new BenchmarkRow("ICMP echo 56 B, two stacks", (1e9 / ping).ToString("F0"), "round trips/s", $"{ping / 1000:F1} µs each"));
            rows.Add(new BenchmarkRow("ICMP echo allocations", (pingBytes / 20_000.0).ToString("F1"), "bytes/frame", "20,000 frames"));
        }
    }
}
