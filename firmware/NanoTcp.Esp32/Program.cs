using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoTcp.Firmware;
using NanoTcp.Http;
using NanoTcp.Ipv4;

namespace NanoTcp.Esp32
{
    /// <summary>
    /// The reference board: ESP32 DevKit + ENC28J60 module on SPI. Maps the SPI pins, opens the bus and the INT pin,
    /// and runs the NanoTcp firmware (driver + stack + TCP + HTTP status page) on this thread, forever.
    /// The address comes from DHCP; without an answer within 10 s the static fallback below is used.
    /// </summary>
    public static class Program
    {
        // ---- Pin map (ESP32 GPIO numbers): the VSPI pins of the common ENC28J60 wiring, on nanoFramework's SPI1. ----
        // nanoFramework's SPI1 defaults to MOSI 23, MISO 25, CLK 19, so MISO and CLK are remapped (FACTS.md §4).

        /// <summary>SPI bus 1 (nanoFramework numbering; native SPI2_HOST).</summary>
        private const int SpiBus = 1;

        /// <summary>ENC28J60 SCK.</summary>
        private const int ClockPin = 18;

        /// <summary>ENC28J60 SO (chip output, ESP32 input).</summary>
        private const int MisoPin = 19;

        /// <summary>ENC28J60 SI (chip input, ESP32 output).</summary>
        private const int MosiPin = 23;

        /// <summary>ENC28J60 CS, driven by the native SPI driver around every call.</summary>
        private const int ChipSelectPin = 5;

        /// <summary>ENC28J60 INT (active low, open drain on the module: input with pull-up).</summary>
        private const int InterruptPin = 4;

        /// <summary>
        /// 16 MHz (80 MHz / 5 on the ESP32; the chip allows 20 MHz, B1/B4 silicon needs at least 8 MHz, errata 1): a
        /// full frame crosses the bus in 0.76 ms, faster than its 1.23 ms on the wire, so the line, not the bus, limits
        /// throughput. Needs short wires (a few cm, common ground next to SCK); on long jumper wires or a breadboard use
        /// 8000000, the fallback, which caps throughput at about 45 % (send) and 80 % (receive) of the line.
        /// </summary>
        private const int SpiClockHz = 16000000;

        // ---- Network ----

        /// <summary>Locally administered unicast MAC (change it when two boards share a network).</summary>
        private static readonly byte[] MacAddress = new byte[] { 0x02, 0x4E, 0x54, 0x43, 0x50, 0x01 };

        /// <summary>Used when no DHCP server answers within <see cref="DhcpFallbackMilliseconds"/> (with /24).</summary>
        private const string FallbackAddress = "192.168.1.250";

        private const int FallbackPrefixLength = 24;

        private const string FallbackGateway = "192.168.1.1";

        private const int DhcpFallbackMilliseconds = 10000;

        public static void Main()
        {
            Configuration.SetPinFunction(MisoPin, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(MosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(ClockPin, DeviceFunction.SPI1_CLOCK);

            var settings = new SpiConnectionSettings(SpiBus, ChipSelectPin);
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = SpiClockHz;
            settings.Configuration = SpiBusConfiguration.FullDuplex;
            SpiDevice device = SpiDevice.Create(settings);

            var gpio = new GpioController();
            var configuration = new FirmwareConfiguration();
            configuration.MacAddress = MacAddress;
            configuration.UseDhcp = true;
            configuration.Address = Ipv4Address.Parse(FallbackAddress);
            configuration.PrefixLength = FallbackPrefixLength;
            configuration.Gateway = Ipv4Address.Parse(FallbackGateway);
            configuration.DhcpFallbackMilliseconds = DhcpFallbackMilliseconds;
            configuration.ConnectionCount = 4;
            configuration.UseMdns = true; // http://nanotcp.local/ (RFC 6762)
            configuration.HttpServiceName = "nanotcp"; // found by DNS-SD browsers as nanotcp._http._tcp.local (RFC 6763)

            var firmware = new NanoTcpFirmware(new SpiDeviceBus(device), new GpioInterruptPin(gpio, InterruptPin), new BoardTickSource(), configuration);
            firmware.Start();
            Console.WriteLine("NanoTcp: ENC28J60 EREVID 0x" + firmware.Driver.RevisionId.ToString("X2") + ", link " + (firmware.Driver.IsLinkUp ? "up" : "down") + "; waiting for DHCP");

            // Report the address once it is known, from a timer thread (reads only; the firmware runs on this thread).
            var report = new Timer(ReportAddress, firmware, 1000, 1000);
            firmware.Run();
            report.Dispose();
        }

        private static void ReportAddress(object state)
        {
            var firmware = (NanoTcpFirmware)state;
            IStatusSource status = firmware.Status;
            uint address = status.Address;
            if (address == 0 || _reported == address)
            {
                return;
            }

            _reported = address;
            string how = status.AddressOrigin == AddressOrigin.Dhcp ? "DHCP" : status.AddressOrigin == AddressOrigin.StaticFallback ? "static fallback" : "static";
            Console.WriteLine("NanoTcp: http://" + Ipv4Address.Format(address) + "/ (" + how + ")");
        }

        private static uint _reported;
    }
}
