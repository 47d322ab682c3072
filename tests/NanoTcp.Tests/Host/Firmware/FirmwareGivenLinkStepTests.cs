using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;
using NanoTcp.Tests.Ipv4;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>
    /// A step of the firmware on a given link (a TAP device, an in-memory wire) whose owner wakes the loop for every
    /// frame: a step that took frames and served nothing is followed by a wait, not by another step that would only
    /// find the link empty (one read(2) per wake on a TAP device).
    /// </summary>
    [TestClass]
    public class FirmwareGivenLinkStepTests
    {
        [TestMethod]
        public void AStepThatAnsweredAnEchoRequestIsDueAtTheNextTimerNotAtOnce()
        {
            var net = new Network();
            var configuration = new FirmwareConfiguration { Address = Network.Subnet + 1, PrefixLength = 24, MacAddress = Frames.Mac(1) };
            var firmware = new NanoTcpFirmware(net.Wire.CreatePort(Frames.Mac(1)), net.Clock, configuration);
            firmware.Start();
            ScriptedHost host = net.AddHost(2);
            firmware.Poll();
            host.Drain(); // the gratuitous ARP

            host.Send(Frames.Ping(Frames.Mac(1), host.Mac, host.Address, Network.Subnet + 1, 7, 1, Frames.Pattern(32)));
            long due = 0;
            int before = firmware.Stack.FramesReceived;
            for (int i = 0; i < 100 && firmware.Stack.FramesReceived == before; i++)
            {
                net.Clock.Advance(1);
                due = firmware.Poll();
            }

            Assert.AreEqual(before + 1, firmware.Stack.FramesReceived, "the echo request arrived");
            Assert.IsTrue(due > net.Clock.Milliseconds, "due " + due + " at " + net.Clock.Milliseconds + ": nothing is left to do now");
            Assert.AreEqual(1, firmware.Stack.Icmp.EchoRequestsAnswered, "answered in the same step");
        }
    }
}
