#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Wire;

namespace NanoTcp.Tests.Firmware
{
    /// <summary>The status page and /api/status show the ARP cache and count forged ARP frames (issue 12 item 3).</summary>
    [TestClass]
    public class FirmwareArpStatusTests
    {
        [TestMethod]
        public void ApiStatusListsTheArpCacheAndCountsAForgedZeroMacFrame()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            harness.Get("/");

            byte[] frame = new byte[EthernetHeader.Length + ArpPacket.Length];
            byte[] zero = new byte[6];
            EthernetHeader.SetBroadcastDestination(frame, 0);
            EthernetHeader.SetSource(frame, 0, new byte[] { 0x02, 0, 0x5E, 0, 0, 0x66 }, 0);
            EthernetHeader.SetEtherType(frame, 0, EthernetHeader.EtherTypeArp);
            ArpPacket.Write(frame, EthernetHeader.Length, ArpPacket.OperationRequest, zero, 0, FirmwareHarness.ClientAddress, null, 0, FirmwareHarness.ClientAddress);
            harness.Wire.CreatePort(new byte[] { 0x02, 0, 0x5E, 0, 0, 0x66 }).Send(frame, 0, frame.Length);
            harness.RunUntil(() => harness.Firmware.Stack.Drops.Get(DropReason.ArpBadSenderHardwareAddress) == 1, 100);

            string json = harness.Get("/api/status");
            var mac = new byte[6];
            harness.Client.GetMacAddress(mac, 0);
            string clientMac = string.Empty;
            for (int i = 0; i < mac.Length; i++)
            {
                clientMac += (i > 0 ? ":" : string.Empty) + mac[i].ToString("x2");
            }

            Contains(json, "\"arp\":{\"entries\":1,\"droppedMalformed\":0,\"droppedBadSenderMac\":1,\"droppedBadSenderAddress\":0,\"conflicts\":0,\"replaced\":0");
            Contains(json, "\"arp\":[{\"address\":\"10.0.0.2\",\"mac\":\"" + clientMac + "\",\"state\":\"REACHABLE\",\"ageMs\":");
            Contains(json, "\"ethernet\":{\"framesReceived\":");

            string page = harness.Get("/");
            Contains(page, "<td>10.0.0.2</td><td>" + clientMac + "</td><td>REACHABLE</td>");
            Contains(page, "<tr><td>droppedBadSenderMac</td><td>1</td></tr>");
        }

        private static void Contains(string text, string part)
        {
            Assert.IsTrue(text.IndexOf(part) >= 0, "no " + part + " in " + text);
        }
    }
}
