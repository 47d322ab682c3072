using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// The transmit path (FACTS.md §3.5, §4.4): ECON1.TXRTS sends the per-packet control byte at ETXST and the
    /// frame ETXST+1…ETXND, with padding and CRC per the control byte or MACON3; it takes its wire time, then
    /// writes the 7-byte status vector at ETXND+1, clears TXRTS and sets EIR.TXIF (plus TXERIF and ESTAT.TXABRT on
    /// an abort). Errata #12 (stall until TXRST), #13 (false late collisions) and #15 (LATECOL unreliable).
    /// </summary>
    internal sealed class TransmitLogic
    {
        private const int StatusVectorLength = 7;
        private const byte POVERRIDE = 0x01, PCRCEN = 0x02, PPADEN = 0x04, PHUGEEN = 0x08;

        private enum AbortKind
        {
            None,
            LateCollision,
            ExcessiveCollisions,
            Giant,
        }

        private readonly Enc28j60Chip _chip;
        /// <summary>Frames on the cable nobody has taken yet; beyond this many the oldest are lost.</summary>
        public const int OutboundLimit = 1024;

        // A ring of frames on the cable and a stack of taken ones to reuse (arrays: the model runs on nanoCLR too, which
        // has no generics): no allocation per frame in steady state.
        private readonly OutboundFrame[] _outbound = new OutboundFrame[OutboundLimit];
        private int _outboundFirst;
        private int _outboundCount;
        private readonly OutboundFrame[] _spare = new OutboundFrame[OutboundLimit];
        private int _spareCount;
        private readonly byte[] _tsv = new byte[StatusVectorLength];
        private bool _transmitting;
        private bool _stalled;
        private long _endNanoseconds;
        private readonly byte[] _wireFrame = new byte[BufferMemory.Size + 64 + 4];
        private int _wireLength;
        private bool _fcsGood;
        private AbortKind _abort;
        private int _transmissionsSinceReset;

        public TransmitLogic(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        private RegisterFile Regs => _chip.Registers;

        public int OutboundCount => _outboundCount;

        /// <summary>When the transmission in progress ends (chip time, ns); long.MaxValue when none is in progress.</summary>
        public long EndNanoseconds => _transmitting ? _endNanoseconds : long.MaxValue;

        /// <summary>True while a frame is on the wire.</summary>
        public bool Transmitting => _transmitting;

        /// <summary>True while the transmit logic hangs (errata #12) until TXRST is pulsed.</summary>
        public bool Stalled => _stalled;

        public void Reset()
        {
            _transmitting = false;
            _stalled = false;
            _transmissionsSinceReset = 0;
        }

        /// <summary>Copies the oldest frame out and recycles its buffer (see <see cref="Enc28j60Chip"/>).</summary>
        public int TakeOutbound(byte[] buffer, int offset, int capacity)
        {
            while (_outboundCount > 0)
            {
                OutboundFrame frame = DropOldest();
                if (frame.Length > capacity)
                {
                    _chip.Counters.WireFramesTooLong++;
                    continue;
                }

                System.Array.Copy(frame.Buffer, 0, buffer, offset, frame.Length);
                return frame.Length;
            }

            return 0;
        }

        /// <summary>Takes the oldest frame off the cable; its buffer goes back to the spares.</summary>
        private OutboundFrame DropOldest()
        {
            OutboundFrame frame = _outbound[_outboundFirst];
            _outbound[_outboundFirst] = null;
            _outboundFirst = (_outboundFirst + 1) % OutboundLimit;
            _outboundCount--;
            _spare[_spareCount++] = frame;
            return frame;
        }

        private sealed class OutboundFrame
        {
            public readonly byte[] Buffer = new byte[BufferMemory.Size + 64];
            public int Length;
        }

        /// <summary>ECON1.TXRST set: any transmission is abandoned (no status vector) and a stall is cleared.</summary>
        public void HoldInReset()
        {
            _transmitting = false;
            _stalled = false;
            Regs.Econ1 = (byte)(Regs.Econ1 & ~R.ECON1_TXRTS);
        }

        /// <summary>ECON1.TXRTS 0 → 1.</summary>
        public void Request()
        {
            _chip.Counters.TransmitRequests++;
            _chip.Counters.ChargePendingToTransmit();
            if ((Regs.Econ1 & R.ECON1_TXRST) != 0 || _stalled || !_chip.MacClockRunning)
            {
                return; // held in reset, stalled (errata #12) or no clock: TXRTS just stays set
            }

            Start();
        }

        /// <summary>The host cleared TXRTS: a running transmission is cancelled (TXIF and TXABRT, FACTS.md §2.1, §4.4).</summary>
        public void CancelByHost()
        {
            if (!_transmitting)
            {
                return;
            }

            _transmitting = false;
            WriteStatusVector(_wireLength, 0, 0, done: false, AbortKind.None);
            Regs.Eir |= R.EIR_TXIF;
            Regs.Estat |= R.ESTAT_TXABRT;
            _chip.Counters.TransmitAborts++;
        }

        public void Advance(long now)
        {
            if (_transmitting && now >= _endNanoseconds)
            {
                Complete();
            }
        }

        private void Start()
        {
            int etxst = Regs.Etxst;
            int etxnd = Regs.Etxnd;
            int frameLength = (etxnd - etxst) & 0x1FFF;
            byte control = _chip.Memory[etxst];
            byte macon3 = Regs.Macon3;

            bool crc;
            int padTo;
            bool huge;
            if ((control & POVERRIDE) != 0)
            {
                crc = (control & PCRCEN) != 0;
                padTo = (control & PPADEN) != 0 ? 60 : 0;
                huge = (control & PHUGEEN) != 0;
            }
            else
            {
                crc = (macon3 & R.MACON3_TXCRCEN) != 0;
                huge = (macon3 & R.MACON3_HFRMEN) != 0;
                padTo = 0;
                int padcfg = macon3 >> 5;
                if (padcfg == 1)
                {
                    padTo = 60;
                }
                else if (padcfg == 3 || padcfg == 7)
                {
                    padTo = 64;
                }
                else if (padcfg == 5)
                {
                    padTo = 60; // VLAN frames get 64 below
                }
            }

            byte[] frame = _wireFrame;
            _chip.Memory.CopyOut(etxst + 1, frame, 0, frameLength);
            int length = frameLength;
            if ((control & POVERRIDE) == 0 && (macon3 >> 5) == 5 && EthernetFrameClass.IsVlan(frame, 0, length))
            {
                padTo = 64;
            }

            if (length < padTo)
            {
                System.Array.Clear(frame, length, padTo - length); // zero padding
                length = padTo;
            }

            if (crc)
            {
                EthernetCrc32.AppendFcs(frame, 0, length);
                length += 4;
            }

            _wireLength = length;
            _fcsGood = EthernetCrc32.FcsMatches(frame, 0, length);
            _abort = AbortKind.None;
            _transmissionsSinceReset++;

            if (!huge && length > Regs.Mamxfl)
            {
                _abort = AbortKind.Giant;
            }
            else if (_chip.Options.TransmitAbortCount > 0)
            {
                _chip.Options.TransmitAbortCount--;
                _abort = _chip.Options.TransmitAbortIsLateCollision ? AbortKind.LateCollision : AbortKind.ExcessiveCollisions;
            }
            else if (_chip.HalfDuplex && _chip.Options.Errata13LateCollisionEvery > 0
                     && _transmissionsSinceReset % _chip.Options.Errata13LateCollisionEvery == 0)
            {
                _abort = AbortKind.LateCollision;
            }

            _transmitting = true;
            long duration = 0;
            if (_chip.Options.ModelTransmitDuration)
            {
                // 10BASE-T: 100 ns per bit; preamble+SFD (8 bytes) and the inter-frame gap (12 bytes).
                int onWire = _abort == AbortKind.None ? length : Smaller(length, Regs.Maclcon2 + 1);
                duration = (8L + onWire + 12L) * 8L * 100L;
            }

            _endNanoseconds = _chip.NowNanoseconds + duration;
            if (duration == 0)
            {
                Complete();
            }
        }

        private void Complete()
        {
            _transmitting = false;
            Regs.Econ1 = (byte)(Regs.Econ1 & ~R.ECON1_TXRTS);
            int length = _wireLength;
            if (_abort != AbortKind.None)
            {
                int collisions = _abort == AbortKind.LateCollision ? 1 : _abort == AbortKind.ExcessiveCollisions ? 15 : 0;
                int onWire = _abort == AbortKind.Giant ? 0 : Smaller(length, Regs.Maclcon2 + 1);
                WriteStatusVector(length, onWire, collisions, done: false, _abort);
                Regs.Eir |= R.EIR_TXIF | R.EIR_TXERIF;
                Regs.Estat |= R.ESTAT_TXABRT;
                if (_abort == AbortKind.LateCollision && !_chip.Options.Errata15LateCollisionFlagUnreliable)
                {
                    Regs.Estat |= R.ESTAT_LATECOL;
                }

                if (_chip.Options.Errata12TransmitStall && _chip.HalfDuplex)
                {
                    _stalled = true; // errata #12: the next TXRTS hangs until TXRST is pulsed
                }

                _chip.Counters.TransmitAborts++;
                return;
            }

            WriteStatusVector(length, length, 0, done: true, AbortKind.None);
            Regs.Eir |= R.EIR_TXIF;
            _chip.Counters.FramesTransmitted++;

            if (!_chip.Phy.LinkUp)
            {
                _chip.Counters.TransmittedWhileLinkDown++;
                return;
            }

            if (_chip.HalfDuplex && !_chip.Phy.HalfDuplexLoopbackDisabled && _chip.Options.HalfDuplexLoopback)
            {
                // Half duplex without PHCON2.HDLDIS: the PHY loops the frame back to the receiver (§4.2 step 7).
                _chip.Receiver.FrameArrived(_wireFrame, length);
            }

            if (!_fcsGood || length < 18)
            {
                _chip.Counters.TransmittedWithBadFcs++; // receivers drop it
                return;
            }

            if (_outboundCount >= OutboundLimit)
            {
                DropOldest(); // the oldest is lost
                _chip.Counters.WireFramesUnclaimed++;
            }

            OutboundFrame outbound = _spareCount > 0 ? _spare[--_spareCount] : new OutboundFrame();
            _spare[_spareCount] = null;
            _outbound[(_outboundFirst + _outboundCount) % OutboundLimit] = outbound;

            outbound.Length = length - 4;
            System.Array.Copy(_wireFrame, 0, outbound.Buffer, 0, length - 4);
            _outboundCount++;
        }

        /// <summary>The smaller of two lengths (nanoFramework's mscorlib has no Math).</summary>
        private static int Smaller(int a, int b) => a < b ? a : b;

        /// <summary>TSV at ETXND+1…ETXND+7 (FACTS.md §3.5 table; wraps 1FFFh → 0000h).</summary>
        private void WriteStatusVector(int byteCount, int totalOnWire, int collisionCount, bool done, AbortKind abort)
        {
            byte[] f = _wireFrame;
            int length = _wireLength;
            int dataLength = length - 4; // the last 4 bytes are the FCS, appended or host-supplied
            byte[] tsv = _tsv;
            tsv[0] = (byte)byteCount;
            tsv[1] = (byte)(byteCount >> 8);
            int b2 = collisionCount & 0x0F;
            if (!_fcsGood)
            {
                b2 |= 0x10; // CRC error
            }

            if ((Regs.Macon3 & R.MACON3_FRMLNEN) != 0 && EthernetFrameClass.IsLengthCheckError(f, 0, dataLength))
            {
                b2 |= 0x20;
            }

            if (EthernetFrameClass.IsLengthOutOfRange(f, 0, dataLength))
            {
                b2 |= 0x40;
            }

            if (done)
            {
                b2 |= 0x80;
            }

            tsv[2] = (byte)b2;
            int b3 = 0;
            if (EthernetFrameClass.IsBroadcast(f, 0))
            {
                b3 |= 0x02;
            }
            else if (EthernetFrameClass.IsGroup(f, 0))
            {
                b3 |= 0x01;
            }

            if (abort == AbortKind.ExcessiveCollisions)
            {
                b3 |= 0x10;
            }

            if (abort == AbortKind.LateCollision)
            {
                b3 |= 0x20;
            }

            if (abort == AbortKind.Giant)
            {
                b3 |= 0x40;
            }

            tsv[3] = (byte)b3;
            tsv[4] = (byte)totalOnWire;
            tsv[5] = (byte)(totalOnWire >> 8);
            int b6 = 0;
            if (EthernetFrameClass.IsControl(f, 0, dataLength))
            {
                b6 |= 0x01;
            }

            if (EthernetFrameClass.IsPause(f, 0, dataLength))
            {
                b6 |= 0x02;
            }

            if (EthernetFrameClass.IsVlan(f, 0, dataLength))
            {
                b6 |= 0x08;
            }

            tsv[6] = (byte)b6;
            _chip.Memory.CopyIn(Regs.Etxnd + 1, tsv, 0, StatusVectorLength);
        }
    }
}
