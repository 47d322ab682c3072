using Microsoft.VisualStudio.TestTools.UnitTesting;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Firmware
{
    /// <summary>The firmware on a chip that is reset under it (brown-out): it sets the chip up again, serves on, and says so on /api/status.</summary>
    [TestClass]
    public class FirmwareChipFaultTests
    {
        [TestMethod]
        public void AChipResetUnderTheFirmwareIsSetUpAgainAndShownOnTheStatusPage()
        {
            var harness = new FirmwareHarness();
            harness.Firmware.Start();
            StringAssert.Contains(harness.Get("/"), "200 OK");

            harness.Chip.PowerOnReset();
            Assert.IsTrue(harness.RunUntil(() => harness.Firmware.Driver.Statistics.ChipReinitializations == 1, 2000), "the chip was not set up again");

            string json = harness.Get("/api/status");
            StringAssert.Contains(json, "\"linkChanges\":0,\"chipFaults\":1,\"chipReinitializations\":1}");
        }
    }
}
