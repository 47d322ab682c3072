#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Mdns;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Wire;

namespace NanoTcp.Tests.Mdns
{
    /// <summary>
    /// The board (10.0.0.1, mDNS on as "nanotcp") and a scripted mDNS peer (10.0.0.50) on an in-memory wire with a
    /// manual clock that starts at 1000 ms.
    /// </summary>
    internal sealed class MdnsFixture
    {
        public const int Step = 10;

        public Network Net;
        public NetworkStack Board;
        public MdnsPeer Peer;

        public MdnsResponder Mdns => Board.Mdns;

        public MdnsCounters Counters => Board.Mdns.Counters;

        public static uint BoardAddress => Network.Subnet + 1;

        public static MdnsFixture Create()
        {
            var fixture = new MdnsFixture();
            fixture.Net = new Network();
            fixture.Peer = new MdnsPeer(fixture.Net, 50);
            fixture.Board = fixture.Net.AddStack(1, c => c.Mdns.Enabled = true);
            return fixture;
        }

        /// <summary>The board advertising its HTTP server as "board._http._tcp.local" (DNS-SD) besides its name.</summary>
        public static MdnsFixture CreateWithService()
        {
            var fixture = new MdnsFixture();
            fixture.Net = new Network();
            fixture.Peer = new MdnsPeer(fixture.Net, 50);
            fixture.Board = fixture.Net.AddStack(1, c =>
            {
                c.Mdns.Enabled = true;
                c.Mdns.ServiceName = "board";
            });
            return fixture;
        }

        /// <summary>A board with the service that has probed and announced, with the last multicast more than a second ago.</summary>
        public static MdnsFixture AnnouncedWithService()
        {
            MdnsFixture fixture = CreateWithService();
            fixture.Run(4000);
            Assert.AreEqual(MdnsState.Announced, fixture.Mdns.State, "announced after probing");
            return fixture;
        }

        /// <summary>A board that has probed and announced its name, with the last multicast more than a second ago.</summary>
        public static MdnsFixture Announced()
        {
            MdnsFixture fixture = Create();
            fixture.Run(4000);
            Assert.AreEqual(MdnsState.Announced, fixture.Mdns.State, "announced after probing");
            return fixture;
        }

        /// <summary>Advances the clock <paramref name="milliseconds"/> in 10 ms steps, settling the wire after each.</summary>
        public void Run(long milliseconds)
        {
            Net.Run(milliseconds, Step);
        }

        /// <summary>Lets the wire settle without advancing the clock.</summary>
        public void Settle()
        {
            Net.Settle();
        }

        /// <summary>Packets the peer received from now on: the count before.</summary>
        public int Mark => Peer.Packets.Count;

        /// <summary>A plain A question for <paramref name="name"/>.</summary>
        public static byte[] QueryFor(string name)
        {
            return MdnsMessageBuilder.Query().Question(name, DnsMessage.TypeA, DnsMessage.ClassInternet).ToArray();
        }

        /// <summary>The peer asks for nanotcp.local on the group from port 5353 and the wire settles.</summary>
        public void AskOnGroup()
        {
            Peer.SendToGroup(QueryFor("nanotcp.local"));
            Settle();
        }
    }
}
