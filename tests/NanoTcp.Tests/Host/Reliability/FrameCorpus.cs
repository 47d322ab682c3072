using System;
using System.Collections.Generic;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.Dns;
using NanoTcp.Tcp;
using NanoTcp.Tests.Dhcp;
using NanoTcp.Tests.Ipv4;
using NanoTcp.Tests.Mdns;
using NanoTcp.Wire;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// Frames captured from a real exchange with the firmware, kept if the board would receive them (to its MAC, or
    /// broadcast and multicast): ARP, the TCP handshake, HTTP requests with data and the close, ICMP echo, UDP to a
    /// closed port, an mDNS query, the DNS answer, the NTP reply; and the DHCP server's messages from a second run
    /// (a DHCP client beside a scripted server), readdressed to the board.
    /// </summary>
    internal static class FrameCorpus
    {
        public static List<byte[]> Capture()
        {
            var frames = new List<byte[]>();
            var board = new FuzzBoard(1);
            var log = new FrameLog();
            board.Net.Wire.Capture = log;
            board.Idle(4000); // gratuitous ARP, mDNS probes and announcements, the first NTP request and its reply

            Assert.AreEqual(200, board.Get("/").Status);
            TcpConnection connection = board.Connect();
            Assert.AreEqual(200, board.Exchange(connection, "GET /api/status HTTP/1.1\r\nHost: board\r\n\r\n").Status);
            Assert.AreEqual(200, board.Exchange(connection, "POST /echo HTTP/1.1\r\nHost: board\r\nContent-Length: 10\r\n\r\n0123456789").Status);
            Assert.AreEqual(200, board.Exchange(connection, "POST /echo HTTP/1.1\r\nHost: board\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n0\r\n\r\n").Status);
            connection.Close();
            board.Idle(1000);

            byte[] boardMac = Frames.Mac(FuzzBoard.BoardNumber);
            board.Raw.Send(Frames.Ping(boardMac, board.Raw.Mac, board.Raw.Address, FuzzBoard.BoardAddress, 7, 1, Frames.Pattern(56)));
            board.Raw.Send(Frames.Udp(boardMac, board.Raw.Mac, board.Raw.Address, FuzzBoard.BoardAddress, 40000, 9999, Frames.Pattern(20)));
            board.MdnsPeer.SendToGroup(MdnsMessageBuilder.Query().Question("nanotcp.local", 1, 1).ToArray());
            board.MdnsPeer.SendTo(boardMac, FuzzBoard.BoardAddress, MdnsMessageBuilder.Query().Question("nanotcp.local", 1, 1).ToArray(), 5300);
            int query = board.Firmware.Stack.Dns.BeginQuery("printer.lan");
            Assert.IsTrue(board.RunUntil(() => board.Firmware.Stack.Dns.State(query) != DnsQueryState.Pending, 5000), "the DNS query was not answered");
            board.Firmware.Stack.Dns.EndQuery(query);
            board.Idle(1000);
            Assert.IsTrue(board.Ntp.Requests.Count > 0, "the board asked no NTP server");
            Keep(log.Frames, boardMac, frames, null);

            var dhcpNet = new Network(2);
            var server = new ScriptedDhcpServer(dhcpNet);
            NetworkStack dhcpClient = dhcpNet.AddStack(1, c => c.UseDhcp = true, address: false);
            var dhcpLog = new FrameLog();
            dhcpNet.Wire.Capture = dhcpLog;
            dhcpNet.Run(2000);
            Assert.AreEqual(DhcpState.Bound, dhcpClient.Dhcp.State);
            int before = frames.Count;
            Keep(dhcpLog.Frames, Frames.Mac(1), frames, boardMac);
            Assert.IsTrue(frames.Count > before, "no DHCP frames captured");
            return frames;
        }

        /// <summary>
        /// Adds the frames addressed to <paramref name="receiver"/> or to a group, the unicast ones readdressed to
        /// <paramref name="readdressTo"/> when given.
        /// </summary>
        private static void Keep(List<byte[]> captured, byte[] receiver, List<byte[]> into, byte[] readdressTo)
        {
            foreach (byte[] frame in captured)
            {
                bool group = (frame[0] & 1) != 0;
                bool toReceiver = true;
                for (int i = 0; i < 6; i++)
                {
                    toReceiver &= frame[i] == receiver[i];
                }

                if (!group && !toReceiver)
                {
                    continue;
                }

                byte[] copy = (byte[])frame.Clone();
                if (!group && readdressTo != null)
                {
                    Array.Copy(readdressTo, copy, 6);
                }

                into.Add(copy);
            }
        }

        /// <summary>How many frames of each kind (for a message): "arp 3, tcp 20, ...".</summary>
        public static string Describe(List<byte[]> frames)
        {
            int arp = 0, tcp = 0, udp = 0, icmp = 0, other = 0;
            foreach (byte[] f in frames)
            {
                if (EthernetHeader.EtherType(f, 0) == EthernetHeader.EtherTypeArp)
                {
                    arp++;
                }
                else if (EthernetHeader.EtherType(f, 0) != EthernetHeader.EtherTypeIpv4)
                {
                    other++;
                }
                else
                {
                    byte p = Ipv4Header.Protocol(f, 14);
                    tcp += p == 6 ? 1 : 0;
                    udp += p == 17 ? 1 : 0;
                    icmp += p == 1 ? 1 : 0;
                }
            }

            return "arp " + arp + ", tcp " + tcp + ", udp " + udp + ", icmp " + icmp + ", other " + other;
        }
    }
}
