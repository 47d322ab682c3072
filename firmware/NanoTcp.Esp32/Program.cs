using System;
using System.Device.Gpio;
using System.Device.Spi;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware;

namespace NanoTcp.Esp32
{
    /// <summary>
    /// PLACEHOLDER APPLICATION (issue 6): brings up the ENC28J60 on the ESP32 and counts received frames, to check
    /// the wiring and the bindings. The firmware that runs the NanoTcp stack and the HTTP endpoint on this link is
    /// a later issue and replaces this Main.
    /// </summary>
    public static class Program
    {
        // Wiring of the common ENC28J60 module on an ESP32 DevKit (VSPI pins): SCK 18, MISO 19, MOSI 23, CS 5, INT 4.
        // nanoFramework's SPI1 defaults to MOSI 23, MISO 25, CLK 19, so MISO and CLK are remapped (FACTS §4).
        private const int ClockPin = 18;
        private const int MisoPin = 19;
        private const int MosiPin = 23;
        private const int ChipSelectPin = 5;
        private const int InterruptPinNumber = 4;

        // 8 MHz: at or above the 8 MHz minimum of B1/B4 silicon (errata 1), safe on jumper wires; the chip allows 20 MHz.
        private const int SpiClockHz = 8000000;

        public static void Main()
        {
            Configuration.SetPinFunction(MisoPin, DeviceFunction.SPI1_MISO);
            Configuration.SetPinFunction(MosiPin, DeviceFunction.SPI1_MOSI);
            Configuration.SetPinFunction(ClockPin, DeviceFunction.SPI1_CLOCK);

            var settings = new SpiConnectionSettings(1, ChipSelectPin);
            settings.Mode = SpiMode.Mode0;
            settings.DataBitLength = 8;
            settings.DataFlow = DataFlow.MsbFirst;
            settings.ClockFrequency = SpiClockHz;
            settings.Configuration = SpiBusConfiguration.FullDuplex;
            SpiDevice device = SpiDevice.Create(settings);

            var gpio = new GpioController();
            var options = new Enc28j60Options();
            options.MacAddress = new byte[] { 0x02, 0x4E, 0x54, 0x43, 0x50, 0x01 }; // locally administered
            options.Delay = Sleep;

            var driver = new Enc28j60Link(new SpiDeviceBus(device), new GpioInterruptPin(gpio, InterruptPinNumber), new BoardTickSource(), options);
            driver.Initialize();
            Console.WriteLine("ENC28J60 EREVID 0x" + driver.RevisionId.ToString("X2") + ", link " + (driver.IsLinkUp ? "up" : "down"));

            byte[] frame = new byte[EthernetFrameLimits.MaxFrameLength];
            long nextReport = Environment.TickCount64 + 5000;
            while (true)
            {
                if (driver.Receive(frame, 0, frame.Length) == 0)
                {
                    Thread.Sleep(1);
                }

                if (Environment.TickCount64 >= nextReport)
                {
                    nextReport += 5000;
                    Console.WriteLine("frames in " + driver.Statistics.FramesReceived.ToString() + ", overflows " + driver.Statistics.ReceiveOverflows.ToString() + ", link " + (driver.IsLinkUp ? "up" : "down"));
                }
            }
        }

        private static void Sleep(int milliseconds)
        {
            Thread.Sleep(milliseconds);
        }
    }
}
