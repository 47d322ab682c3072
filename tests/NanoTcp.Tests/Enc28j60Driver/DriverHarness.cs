#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Drivers.Enc28j60;
using NanoTcp.Hardware;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>
    /// The driver on the ENC28J60 chip model on a manual clock, the chip's cable attached to an in-memory wire with one
    /// plain port (the peer). Every errata switch of the model is on. The driver's Delay advances the manual clock,
    /// so its bounded waits move time themselves (nobody else advances it during a wait).
    /// </summary>
    internal sealed class DriverHarness
    {
        public static readonly byte[] DriverMac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x01 };
        public static readonly byte[] PeerMac = { 0x02, 0x4E, 0x54, 0x00, 0x00, 0x02 };

        /// <summary>
        /// <paramref name="transmitBufferStart"/> 0: the driver's default (two transmit areas, a 5 KB ring of three
        /// full frames); <see cref="OneTransmitArea"/> for a 6.5 KB ring that takes a burst of four full frames at once
        /// (the in-memory wire delivers a burst instantly, not 1.23 ms per frame like a cable).
        /// </summary>
        public DriverHarness(bool useInterruptPin = true, bool fullDuplex = true, Enc28j60ModelOptions modelOptions = null, int seed = 1, int transmitBufferStart = 0)
        {
            ModelOptions = modelOptions ?? AllErrataOn();
            Chip = new Enc28j60Chip(Clock, ModelOptions);
            Clock.Advance(1); // oscillator start-up after power-on
            Options = new Enc28j60Options
            {
                MacAddress = (byte[])DriverMac.Clone(),
                FullDuplex = fullDuplex,
                TransmitBufferStart = transmitBufferStart != 0 ? transmitBufferStart : new Enc28j60Options().TransmitBufferStart,
                Delay = ms => Clock.Advance(ms),
                InterruptWait = ms =>
                {
                    if (!Chip.WaitForInterrupt(ms))
                    {
                        Clock.Advance(ms);
                    }
                },
            };
            Bus = new BreakableBus(Chip);
            Pin = new SilenceableInterruptPin(Chip.InterruptPin);
            Link = new Enc28j60Link(Bus, useInterruptPin ? Pin : null, Clock, Options);
            Wire = new EthernetWire(Clock, seed);
            Peer = Wire.CreatePort(PeerMac);
            Wire.Attach(Chip.WireSide);
        }

        /// <summary>TransmitBufferStart with a single transmit area: the receive ring is 0000h..19FFh.</summary>
        public const int OneTransmitArea = 0x1A00;

        public ManualClock Clock { get; } = new ManualClock(1000);

        public Enc28j60ModelOptions ModelOptions { get; }

        public Enc28j60Chip Chip { get; }

        public Enc28j60Options Options { get; }

        public Enc28j60Link Link { get; }

        /// <summary>The SPI bus between driver and chip: set <see cref="BreakableBus.MisoStuckAt"/> for a chip that stops answering.</summary>
        public BreakableBus Bus { get; }

        /// <summary>The INT line between chip and driver (when the driver uses one): set <see cref="SilenceableInterruptPin.Silent"/> to break it.</summary>
        public SilenceableInterruptPin Pin { get; }

        public EthernetWire Wire { get; }

        public WirePort Peer { get; }

        /// <summary>
        /// Every errata switch of the model on: the ones on by default, errata 5, and errata 13 (a false late
        /// collision every 7th transmission, half duplex only).
        /// </summary>
        public static Enc28j60ModelOptions AllErrataOn() => new Enc28j60ModelOptions
        {
            Errata2ResetWindow = true,
            Errata5WritePointerToZero = true,
            Errata6PacketFlagUnreliable = true,
            Errata12TransmitStall = true,
            Errata13LateCollisionEvery = 7,
            Errata14EvenReadPointerCorrupts = true,
            Errata15LateCollisionFlagUnreliable = true,
            HalfDuplexLoopback = true,
        };

        /// <summary>The model saw no misuse of its SPI interface: every counter of DS rules broken is zero.</summary>
        public void AssertNoMisuse()
        {
            Enc28j60Counters c = Chip.Counters;
            Assert.AreEqual(0L, c.BitFieldOnMacMii, "BFS/BFC on a MAC/MII register");
            Assert.AreEqual(0L, c.InvalidInstructions, "undefined opcodes");
            Assert.AreEqual(0L, c.IgnoredDuringResetWindow, "accesses inside the errata 2 window");
            Assert.AreEqual(0L, c.IgnoredWhileClockNotReady, "MAC/MII/PHY accesses before CLKRDY");
            Assert.AreEqual(0L, c.MiiCommandsWhileBusy, "MII commands while MISTAT.BUSY");
            Assert.AreEqual(0L, c.WritesWhileRunning, "buffer/MAC setup writes while receive or transmit ran");
            Assert.AreEqual(0L, c.BufferWritesIntoTransmission, "WBM bytes into the frame on the wire or its status vector");
        }

        /// <summary>A frame from the peer to the driver (or to <paramref name="destination"/>), payload bytes from the seed.</summary>
        public static byte[] Frame(byte[] destination, byte[] source, int length, int seed)
        {
            var frame = new byte[length];
            Array.Copy(destination, 0, frame, 0, 6);
            Array.Copy(source, 0, frame, 6, 6);
            frame[12] = 0x88;
            frame[13] = 0xB5; // IEEE 802 local experimental EtherType
            var random = new Random(seed);
            for (int i = 14; i < length; i++)
            {
                frame[i] = (byte)random.Next(256);
            }

            return frame;
        }

        /// <summary>Moves frames over the wire and lets the chip finish what is due.</summary>
        public void Pump()
        {
            Chip.Update();
            Wire.Pump();
        }

        // --- back door: registers read over SPI without disturbing the driver's cached bank ---

        private byte[] Transfer(params byte[] bytes)
        {
            var read = new byte[bytes.Length];
            Chip.TransferFullDuplex(bytes, 0, read, 0, bytes.Length);
            return read;
        }

        /// <summary>Reads an ETH register (<paramref name="macOrMii"/>: with the dummy byte) in <paramref name="bank"/>, restoring ECON1's bank bits.</summary>
        public int ReadRegister(int bank, int address, bool macOrMii = false)
        {
            int saved = Transfer(0x1F, 0)[1] & 0x03;
            Transfer(0xA0 | 0x1F, 0x03);
            Transfer(0x80 | 0x1F, (byte)bank);
            int value = macOrMii ? Transfer((byte)address, 0, 0)[2] : Transfer((byte)address, 0)[1];
            Transfer(0xA0 | 0x1F, 0x03);
            Transfer(0x80 | 0x1F, (byte)saved);
            return value;
        }

        /// <summary>Writes an ETH/MAC/MII register in <paramref name="bank"/> with WCR, restoring ECON1's bank bits.</summary>
        public void WriteRegister(int bank, int address, int value)
        {
            int saved = Transfer(0x1F, 0)[1] & 0x03;
            Transfer(0xA0 | 0x1F, 0x03);
            Transfer(0x80 | 0x1F, (byte)bank);
            Transfer((byte)(0x40 | address), (byte)value);
            Transfer(0xA0 | 0x1F, 0x03);
            Transfer(0x80 | 0x1F, (byte)saved);
        }

        /// <summary>Writes a PHY register through MIREGADR/MIWRL/MIWRH and waits (bounded) for MISTAT.BUSY to clear.</summary>
        public void WritePhy(int address, int value)
        {
            WriteRegister(2, 0x14, address);
            WriteRegister(2, 0x16, value & 0xFF);
            WriteRegister(2, 0x17, (value >> 8) & 0xFF);
            for (int i = 0; i < 100 && (ReadRegister(3, 0x0A, true) & 0x01) != 0; i++)
            {
            }

            Assert.AreEqual(0, ReadRegister(3, 0x0A, true) & 0x01, "MISTAT.BUSY after the PHY write");
        }

        /// <summary>ERXWRPT: where the chip stores the header of the next packet it receives.</summary>
        public int ReceiveWritePointer => ReadPair(0, 0x0E);

        public int ReadPair(int bank, int lowAddress) => ReadRegister(bank, lowAddress) | (ReadRegister(bank, lowAddress + 1) << 8);

        public int ReadCommon(int address) => Transfer((byte)address, 0)[1];
    }
}
