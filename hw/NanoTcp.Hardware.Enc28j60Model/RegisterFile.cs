using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Raw storage of the four register banks and the common registers (FACTS.md §2), with reset values and the
    /// 16-bit pointer pairs. No access rules here: the SPI decoder and the logic blocks apply them.
    /// </summary>
    internal sealed class RegisterFile
    {
        private readonly byte[][] _banks = { new byte[R.FirstCommon], new byte[R.FirstCommon], new byte[R.FirstCommon], new byte[R.FirstCommon] };
        private readonly byte[] _common = new byte[5];

        /// <summary>The buffered ERXRDPTL (FACTS.md §2.2: L is held until the write to H).</summary>
        public byte ErxrdptLowBuffer;

        /// <summary>ECON1.BSEL1:0.</summary>
        public int Bank => _common[R.ECON1 - R.FirstCommon] & R.ECON1_BSEL;

        public byte Get(int bank, int address) => address >= R.FirstCommon ? _common[address - R.FirstCommon] : _banks[bank][address];

        public void Set(int bank, int address, byte value)
        {
            if (address >= R.FirstCommon)
            {
                _common[address - R.FirstCommon] = value;
            }
            else
            {
                _banks[bank][address] = value;
            }
        }

        /// <summary>A 16-bit pair (low byte at <paramref name="lowAddress"/>).</summary>
        public int GetPair(int bank, int lowAddress) => _banks[bank][lowAddress] | (_banks[bank][lowAddress + 1] << 8);

        public void SetPair(int bank, int lowAddress, int value)
        {
            _banks[bank][lowAddress] = (byte)value;
            _banks[bank][lowAddress + 1] = (byte)(value >> 8);
        }

        // ---- common registers ----
        public byte Eie { get => _common[0]; set => _common[0] = value; }
        public byte Eir { get => _common[1]; set => _common[1] = value; }
        public byte Estat { get => _common[2]; set => _common[2] = value; }
        public byte Econ2 { get => _common[3]; set => _common[3] = value; }
        public byte Econ1 { get => _common[4]; set => _common[4] = value; }

        // ---- bank 0 pointers (13 bits) ----
        public int Erdpt { get => GetPair(0, R.ERDPTL); set => SetPair(0, R.ERDPTL, value & 0x1FFF); }
        public int Ewrpt { get => GetPair(0, R.EWRPTL); set => SetPair(0, R.EWRPTL, value & 0x1FFF); }
        public int Etxst => GetPair(0, R.ETXSTL);
        public int Etxnd => GetPair(0, R.ETXNDL);
        public int Erxst => GetPair(0, R.ERXSTL);
        public int Erxnd => GetPair(0, R.ERXNDL);
        public int Erxrdpt { get => GetPair(0, R.ERXRDPTL); set => SetPair(0, R.ERXRDPTL, value & 0x1FFF); }
        public int Erxwrpt { get => GetPair(0, R.ERXWRPTL); set => SetPair(0, R.ERXWRPTL, value & 0x1FFF); }
        public int Edmast => GetPair(0, R.EDMASTL);
        public int Edmand => GetPair(0, R.EDMANDL);
        public int Edmadst => GetPair(0, R.EDMADSTL);
        public int Edmacs { get => GetPair(0, R.EDMACSL); set => SetPair(0, R.EDMACSL, value & 0xFFFF); }

        // ---- bank 1 ----
        public byte Erxfcon => _banks[1][R.ERXFCON];
        public byte Epktcnt { get => _banks[1][R.EPKTCNT]; set => _banks[1][R.EPKTCNT] = value; }
        public int Epmcs => GetPair(1, R.EPMCSL);
        public int Epmo => GetPair(1, R.EPMOL) & 0x1FFF;
        public byte HashTable(int index) => _banks[1][R.EHT0 + index];
        public byte PatternMask(int index) => _banks[1][R.EPMM0 + index];

        // ---- bank 2 ----
        public byte Macon1 => _banks[2][R.MACON1];
        public byte Macon3 => _banks[2][R.MACON3];
        public int Mamxfl => GetPair(2, R.MAMXFLL);
        public byte Maclcon2 => _banks[2][R.MACLCON2];
        public byte Micmd => _banks[2][R.MICMD];
        public int Miregadr => _banks[2][R.MIREGADR] & 0x1F;
        public int Miwr => GetPair(2, R.MIWRL);
        public int Mird { set => SetPair(2, R.MIRDL, value & 0xFFFF); }

        // ---- bank 3 ----
        public byte Mistat { get => _banks[3][R.MISTAT]; set => _banks[3][R.MISTAT] = value; }

        /// <summary>MAADR in wire order: octet 1 at 0x04, 2 at 0x05, 3 at 0x02, 4 at 0x03, 5 at 0x00, 6 at 0x01 (§2.5).</summary>
        public void CopyMacAddress(byte[] buffer, int offset)
        {
            byte[] b3 = _banks[3];
            buffer[offset] = b3[R.MAADR1];
            buffer[offset + 1] = b3[R.MAADR2];
            buffer[offset + 2] = b3[R.MAADR3];
            buffer[offset + 3] = b3[R.MAADR4];
            buffer[offset + 4] = b3[R.MAADR5];
            buffer[offset + 5] = b3[R.MAADR6];
        }

        /// <summary>
        /// Reset values (FACTS.md §2). Bank 0 and common values come from Renode's model because the datasheet's
        /// Table 3-2 first half was not retrieved (FACTS.md §8, first gap). The buffer memory is not touched.
        /// </summary>
        public void Reset(bool clockReady)
        {
            for (int b = 0; b < 4; b++)
            {
                System.Array.Clear(_banks[b], 0, _banks[b].Length);
            }

            System.Array.Clear(_common, 0, _common.Length);
            ErxrdptLowBuffer = 0;

            Eie = 0;
            Eir = 0;
            Estat = clockReady ? R.ESTAT_CLKRDY : (byte)0;
            Econ2 = R.ECON2_AUTOINC;
            Econ1 = 0;

            SetPair(0, R.ERDPTL, 0x05FA);
            SetPair(0, R.ERXSTL, 0x05FA);
            SetPair(0, R.ERXNDL, 0x1FFF);
            SetPair(0, R.ERXRDPTL, 0x05FA);

            _banks[1][R.ERXFCON] = 0xA1; // UCEN | CRCEN | BCEN (T32 "1010 0001")

            // MACON2: B7 existence is a FACTS.md §8 gap; modelled as a plain register reading 0x00 with no
            // effect, because drivers that never write it (Linux) work on B7 silicon.
            _banks[2][R.MACLCON1] = 0x0F;
            _banks[2][R.MACLCON2] = 0x37;
            SetPair(2, R.MAMXFLL, 0x0600);
            _banks[2][R.MAPHSUP] = 0x10; // bit 4 reserved = 1 per HDR [unverified]

            _banks[3][R.EREVID] = R.RevisionB7;
            _banks[3][R.ECOCON] = 0x04;
            _banks[3][R.EFLOCON] = 0x00;
            SetPair(3, R.EPAUSL, 0x1000); // FACTS.md §8: EPAUS reset unverified; 0x1000 as listed in §2.5
        }
    }
}
