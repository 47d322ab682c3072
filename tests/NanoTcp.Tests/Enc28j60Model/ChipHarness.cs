#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System;
using NanoTcp.Hardware.Enc28j60Model;
using NanoTcp.Hardware.Simulation;

namespace NanoTcp.Tests.Enc28j60Model
{
    /// <summary>
    /// Drives the chip model over SPI with byte sequences written from FACTS.md §1.2 (opcodes) and §2 (addresses),
    /// deliberately without the model's own constants, so a wrong constant in the model shows up as a failure.
    /// </summary>
    internal sealed class ChipHarness
    {
        // FACTS.md §2.1 common registers.
        public const int EIE = 0x1B, EIR = 0x1C, ESTAT = 0x1D, ECON2 = 0x1E, ECON1 = 0x1F;

        public static readonly byte[] ChipMac = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
        public static readonly byte[] PeerMac = { 0x02, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE };

        public ChipHarness(Enc28j60ModelOptions options = null, bool waitForClock = true)
        {
            Options = options ?? new Enc28j60ModelOptions();
            Chip = new Enc28j60Chip(Clock, Options);
            if (waitForClock)
            {
                Clock.Advance(1); // past the 300 µs oscillator start-up (FACTS.md §4.1)
            }
        }

        public ManualClock Clock { get; } = new ManualClock(1000);

        public Enc28j60ModelOptions Options { get; }

        public Enc28j60Chip Chip { get; }

        /// <summary>One chip-select frame; returns what came back on SO.</summary>
        public byte[] Frame(params byte[] bytes)
        {
            var read = new byte[bytes.Length];
            Chip.TransferFullDuplex(bytes, 0, read, 0, bytes.Length);
            return read;
        }

        /// <summary>Selects a bank: BFC ECON1 BSEL1:0, then BFS ECON1 bank (FACTS.md §1.1).</summary>
        public void Bank(int bank)
        {
            Frame(0xA0 | ECON1, 0x03);
            if (bank != 0)
            {
                Frame(0x80 | ECON1, (byte)bank);
            }
        }

        public byte ReadEth(int bank, int address)
        {
            if (address < 0x1B)
            {
                Bank(bank);
            }

            return Frame((byte)address, 0x00)[1];
        }

        /// <summary>RCR of a MAC/MII register: dummy byte, then data (FACTS.md §1.2).</summary>
        public byte ReadMac(int bank, int address)
        {
            Bank(bank);
            return Frame((byte)address, 0x00, 0x00)[2];
        }

        public void WriteRegister(int bank, int address, int value)
        {
            if (address < 0x1B)
            {
                Bank(bank);
            }

            Frame((byte)(0x40 | address), (byte)value);
        }

        /// <summary>A 16-bit pair, low byte first (FACTS.md §2.2: ERXRDPT takes effect on the write to H).</summary>
        public void Write16(int bank, int lowAddress, int value)
        {
            WriteRegister(bank, lowAddress, value & 0xFF);
            WriteRegister(bank, lowAddress + 1, (value >> 8) & 0xFF);
        }

        public int Read16(int bank, int lowAddress) => ReadEth(bank, lowAddress) | (ReadEth(bank, lowAddress + 1) << 8);

        public void Bfs(int address, int mask) => Frame((byte)(0x80 | address), (byte)mask);

        public void Bfc(int address, int mask) => Frame((byte)(0xA0 | address), (byte)mask);

        public byte[] Rbm(int count)
        {
            var w = new byte[count + 1];
            w[0] = 0x3A;
            byte[] r = Frame(w);
            var data = new byte[count];
            Array.Copy(r, 1, data, 0, count);
            return data;
        }

        public void Wbm(byte[] data, int offset, int count)
        {
            var w = new byte[count + 1];
            w[0] = 0x7A;
            Array.Copy(data, offset, w, 1, count);
            Frame(w);
        }

        public void Src() => Frame(0xFF);

        /// <summary>Polls MISTAT.BUSY (bank 3, 0x0A, MII: dummy byte) until clear; bounded.</summary>
        public int WaitMiiIdle()
        {
            int polls = 1;
            while (polls <= 200 && (ReadMac(3, 0x0A) & 0x01) != 0)
            {
                polls++;
            }

            Assert.IsTrue(polls <= 200, "MISTAT.BUSY never cleared");
            return polls;
        }

        /// <summary>FACTS.md §4.3 read: MIREGADR, MICMD.MIIRD=1, wait BUSY, MIIRD=0, MIRDL/MIRDH.</summary>
        public int PhyRead(int address)
        {
            WriteRegister(2, 0x14, address);
            WriteRegister(2, 0x12, 0x01);
            WaitMiiIdle();
            WriteRegister(2, 0x12, 0x00);
            return ReadMac(2, 0x18) | (ReadMac(2, 0x19) << 8);
        }

        /// <summary>FACTS.md §4.3 write: MIREGADR, MIWRL, MIWRH (starts it), wait BUSY.</summary>
        public void PhyWrite(int address, int value)
        {
            WriteRegister(2, 0x14, address);
            WriteRegister(2, 0x16, value & 0xFF);
            WriteRegister(2, 0x17, (value >> 8) & 0xFF);
            WaitMiiIdle();
        }

        /// <summary>MAADR1..6 in FACTS.md §2.5 order: octets 1..6 at bank-3 0x04, 0x05, 0x02, 0x03, 0x00, 0x01.</summary>
        public void WriteMac(byte[] mac)
        {
            int[] addresses = { 0x04, 0x05, 0x02, 0x03, 0x00, 0x01 };
            for (int i = 0; i < 6; i++)
            {
                WriteRegister(3, addresses[i], mac[i]);
            }
        }

        /// <summary>
        /// FACTS.md §4.2 initialisation, step by step: ring [rxStart, rxEnd], ERXRDPT odd (= ERXND), TX at txStart,
        /// ERXFCON, MAC, PHY, interrupts, RXEN.
        /// </summary>
        public void Initialise(int rxStart = 0x0000, int rxEnd = 0x19FF, int txStart = 0x1A00, int erxfcon = 0xA1,
            bool fullDuplex = false, int eie = 0)
        {
            WriteRegister(0, ECON1, 0x00);                 // 1. ECON1 = 0 (bank 0)
            WriteRegister(0, ECON2, 0x80 | 0x08);          //    ECON2 = AUTOINC | VRPS
            Write16(0, 0x08, rxStart);                     // 2. ERXST
            Write16(0, 0x0A, rxEnd);                       //    ERXND
            Write16(0, 0x0C, rxEnd);                       //    ERXRDPT = ERXND (odd, errata 14)
            Write16(0, 0x04, txStart);                     // 3. ETXST
            Write16(0, 0x06, txStart);                     //    ETXND
            WriteRegister(1, 0x18, erxfcon);               // 4. ERXFCON
            for (int i = 0; i < 100 && (ReadEth(0, ESTAT) & 0x01) == 0; i++)
            {
                Clock.Advance(1);                          // 5. wait CLKRDY
            }

            WriteRegister(2, 0x00, fullDuplex ? 0x0D : 0x01); // 6. MACON1 = MARXEN (+TXPAUS|RXPAUS)
            WriteRegister(2, 0x02, fullDuplex ? 0x33 : 0x32); //    MACON3 = PADCFG0|TXCRCEN|FRMLNEN (+FULDPX)
            WriteRegister(2, 0x03, fullDuplex ? 0x00 : 0x40); //    MACON4 = DEFER (half duplex)
            Write16(2, 0x0A, 1518);                        //    MAMXFL
            WriteRegister(2, 0x04, fullDuplex ? 0x15 : 0x12); // MABBIPG
            WriteRegister(2, 0x06, 0x12);                  //    MAIPGL
            WriteRegister(2, 0x07, 0x0C);                  //    MAIPGH
            WriteMac(ChipMac);
            PhyWrite(0x00, fullDuplex ? 0x0100 : 0x0000);  // 7. PHCON1.PDPXMD = MACON3.FULDPX
            PhyWrite(0x10, fullDuplex ? 0x0000 : 0x0100);  //    PHCON2.HDLDIS in half duplex
            WriteRegister(0, EIR, 0x00);                   // 8. clear EIR, set EIE
            WriteRegister(0, EIE, eie);
            Bfs(ECON1, 0x04);                              // 9. RXEN
        }

        /// <summary>A frame to the chip (or any destination) with an EtherType and a counting payload.</summary>
        public static byte[] EthernetFrame(byte[] destination, int etherType, int payloadLength, byte[] source = null)
        {
            var f = new byte[14 + payloadLength];
            Array.Copy(destination, 0, f, 0, 6);
            Array.Copy(source ?? PeerMac, 0, f, 6, 6);
            f[12] = (byte)(etherType >> 8);
            f[13] = (byte)etherType;
            for (int i = 0; i < payloadLength; i++)
            {
                f[14 + i] = (byte)(i * 7 + 1);
            }

            return f;
        }

        public static readonly byte[] Broadcast = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

        /// <summary>The 6-byte receive header at <paramref name="address"/>, read through ERDPT + RBM.</summary>
        public byte[] ReadAt(int address, int count)
        {
            Write16(0, 0x00, address);
            return Rbm(count);
        }

        public static int Le16(byte[] b, int offset) => b[offset] | (b[offset + 1] << 8);

        public static uint Fcs(byte[] frame)
        {
            // Reference CRC-32 (IEEE 802.3, reflected 0xEDB88320), computed bit by bit here, independent of the model.
            uint crc = 0xFFFFFFFF;
            foreach (byte b in frame)
            {
                crc ^= b;
                for (int k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
