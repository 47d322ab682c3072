using System.Collections.Generic;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Wire;

namespace NanoTcp.Benchmarks
{
    /// <summary>
    /// The mDNS responder's cost on .NET: the bytes a stack allocates for it when built (host name alone against no
    /// responder, and with the DNS-SD HTTP service against the host name alone), and the bytes allocated per PTR query
    /// answered with its SRV, TXT and A records in steady state (stack B asks from a buffer built once).
    /// </summary>
    public static class MdnsBenchmark
    {
        private const uint AddressA = 0x0A000001;
        private const uint AddressB = 0x0A000002;

        public static void Run(List<BenchmarkRow> rows)
        {
            var clock = new ManualClock(1000);
            NetworkStack Build(bool mdns, bool service)
            {
                var pair = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 });
                var configuration = new NetworkConfiguration { Address = AddressA, PrefixLength = 24 };
                configuration.Mdns.Enabled = mdns;
                configuration.Mdns.ServiceName = service ? "nanotcp" : null;
                return new NetworkStack(pair.A, clock, configuration);
            }

            Build(false, false);
            Build(true, false);
            Build(true, true);
            long none = Measure.AllocatedBytes(() => Build(false, false));
            long host = Measure.AllocatedBytes(() => Build(true, false));
            long service = Measure.AllocatedBytes(() => Build(true, true));

            var link = new LinkPair(new byte[] { 2, 0, 0, 0, 0, 1 }, new byte[] { 2, 0, 0, 0, 0, 2 });
            var boardConfiguration = new NetworkConfiguration { Address = AddressA, PrefixLength = 24 };
            boardConfiguration.Mdns.Enabled = true;
            boardConfiguration.Mdns.ServiceName = "nanotcp";
            var a = new NetworkStack(link.A, clock, boardConfiguration);
            var b = new NetworkStack(link.B, clock, new NetworkConfiguration { Address = AddressB, PrefixLength = 24 });
            var query = new byte[64];
            int length = DnsMessage.WriteHeader(query, 0, 0, 0, 1, 0, 0, 0);
            length += DnsMessage.WriteName("_http._tcp.local", query, length);
            Bytes.WriteUInt16(query, length, 12);
            Bytes.WriteUInt16(query, length + 2, DnsMessage.ClassInternet);
            length += 4;
            for (int i = 0; i < 40; i++)
            {
                clock.Advance(100);
                a.Poll();
            }

            void Queries(int n)
            {
                for (int i = 0; i < n; i++)
                {
                    clock.Advance(1100);
                    b.Udp.Send(MdnsMessage.GroupAddress, MdnsMessage.Port, MdnsMessage.Port, query, 0, length);
                    a.Poll();
                    b.Poll();
                }
            }

            Queries(10);
            int before = a.Mdns.Counters.MulticastResponses;
            long bytes = Measure.AllocatedBytes(() => Queries(1000));
            int answered = a.Mdns.Counters.MulticastResponses - before;
            rows.Add(new BenchmarkRow("mDNS responder RAM (.NET)", (host - none).ToString(), "bytes", "NetworkStack with mDNS for nanotcp.local minus without"));
            rows.Add(new BenchmarkRow("mDNS DNS-SD service RAM (.NET)", (service - host).ToString(), "bytes", "with the _http._tcp service minus the host name alone"));
            rows.Add(new BenchmarkRow("mDNS PTR answer allocations", (bytes / 1000.0).ToString("F1"), "bytes/query", $"1,000 PTR queries; {answered} answered with SRV, TXT, A"));
        }
    }
}
