using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Hardware.Host;
using NanoTcp.Hardware.Host.Wire;
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tests.Host.Support;
using NanoTcp.Tests.Simulation;

namespace NanoTcp.Tests.Host.Wire
{
    [TestClass]
    public class PcapWriterTests
    {
        private static readonly byte[] MacA = { 0x02, 0, 0, 0, 0, 0x0A };
        private static readonly byte[] MacB = { 0x02, 0, 0, 0, 0, 0x0B };

        [TestMethod]
        public void HeaderAndRecordsFollowTheLibpcapFormat()
        {
            using var stream = new MemoryStream();
            var writer = new PcapWriter(stream);
            var frame = EthernetWireTests.Frame(MacB, MacA, 46);
            writer.Write(3_000_250, frame, 0, frame.Length);
            var bytes = stream.ToArray();

            Assert.AreEqual(24 + 16 + 60, bytes.Length);
            Assert.AreEqual(0xA1B2C3D4u, BitConverter.ToUInt32(bytes, 0), "magic, microsecond resolution");
            Assert.AreEqual(1u, BitConverter.ToUInt32(bytes, 20), "link type Ethernet");
            Assert.AreEqual(3u, BitConverter.ToUInt32(bytes, 24), "seconds");
            Assert.AreEqual(250u, BitConverter.ToUInt32(bytes, 28), "microseconds");
            Assert.AreEqual(60u, BitConverter.ToUInt32(bytes, 32), "captured length");
            Assert.AreEqual(60u, BitConverter.ToUInt32(bytes, 36), "original length");
        }

        [TestMethod]
        public void TsharkReadsTheWiresCaptureWithoutErrors()
        {
            ExternalTool.Require("tshark");
            string path = Path.Combine(Path.GetTempPath(), $"nanotcp-wire-{Guid.NewGuid():N}.pcap");
            try
            {
                var clock = new ManualClock();
                var wire = new EthernetWire(clock, 1);
                using (var capture = new PcapWriter(path))
                {
                    wire.Capture = capture;
                    var a = wire.CreatePort(MacA);
                    var b = wire.CreatePort(MacB);
                    for (int i = 0; i < 25; i++)
                    {
                        var frame = EthernetWireTests.Frame(MacB, MacA, 46 + (i * 50), 0x5A, i);
                        a.Send(frame, 0, frame.Length);
                        clock.Advance(1);
                    }
                }

                var (exitCode, output, error) = ExternalTool.Run("tshark", $"-r {path} -T fields -e frame.len -e eth.type");
                Assert.AreEqual(0, exitCode, "tshark failed: " + error);
                var lines = output.Trim().Split('\n');
                Assert.AreEqual(25, lines.Length, output);
                Assert.AreEqual("60\t0x88b5", lines[0].Trim());
                Assert.AreEqual("1260\t0x88b5", lines[24].Trim());
                Assert.IsFalse(error.Contains("appears to be damaged", StringComparison.Ordinal), error);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
