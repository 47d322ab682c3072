using System;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Receive path of <see cref="Enc28j60Link"/>: <see cref="Enc28j60Link.Receive"/> (called by the stack) reads packets
    /// from the receive ring (DS §7.2), releases ring pages through ERXRDPT (errata 14) and resets the receive logic
    /// when the ring is corrupted (errata 6). <see cref="Service"/> decides when a packet waits.
    /// </summary>
    public sealed partial class Enc28j60Link
    {
        /// <summary>
        /// Copies the next received frame (without FCS) to <paramref name="buffer"/> and returns its length, or 0.
        /// Bad frames are dropped and counted; a corrupted ring is reset and counted. Never throws for network input.
        /// Bytes after the frame, within <paramref name="capacity"/>, may be used as scratch (prefetch of the next
        /// packet's header and of as many of its bytes as are known complete, up to 261), so a buffer with 25 bytes of
        /// room after a long frame saves one SPI frame per frame in a burst.
        /// </summary>
        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_chipFault && !TryRecover())
            {
                return 0;
            }

            EnsureInitialized();
            try
            {
                // Bounded: each turn consumes one packet the chip counted, or ends.
                for (int turn = 0; turn < 256 && !_chipFault; turn++)
                {
                    if (!_packetWaiting)
                    {
                        Service();
                        if (!_packetWaiting)
                        {
                            return 0;
                        }
                    }

                    int length = ReadPacket(buffer, offset, capacity);
                    if (length > 0)
                    {
                        return length;
                    }
                }
            }
            catch (TimeoutException)
            {
                // A PHY access (MISTAT.BUSY) never completed: the chip stopped answering.
                EnterChipFault();
            }

            return 0;
        }

        /// <summary>Reads the packet at <see cref="_nextPacket"/>; returns its length, or 0 when it was dropped.</summary>
        private int ReadPacket(byte[] buffer, int offset, int capacity)
        {
            int packetStart = _nextPacket;
            int have = FillHead(packetStart);
            int headerOffset = _headStart;
            int result = ReceiveHeader.Check(_head, headerOffset, packetStart, RingStart, _rxEnd);
            if (ReceiveHeader.IsCorrupt(result))
            {
                if (!ChipAnswers())
                {
                    // Not a corrupted ring: the bus reads garbage, or the chip was reset.
                    EnterChipFault();
                    return 0;
                }

                _statistics.CountHeaderResult(result);
                ResetReceiveLogic();
                return 0;
            }

            int next = ReceiveHeader.NextPacketPointer(_head, headerOffset);
            int byteCount = ReceiveHeader.ByteCount(_head, headerOffset);
            int frameLength = byteCount - ReceiveHeader.FcsLength;
            int packetLength = ReceiveHeader.Length + byteCount + (byteCount & 1);
            if (result != ReceiveHeader.Valid || frameLength > capacity)
            {
                if (result == ReceiveHeader.Valid)
                {
                    _statistics.CountReceiveTooLong();
                }
                else
                {
                    _statistics.CountHeaderResult(result);
                }

                if (have >= packetLength)
                {
                    KeepFollowingBytes(headerOffset + packetLength, have - packetLength);
                }
                else
                {
                    // Skip the rest of this packet: ERDPT straight to the next header.
                    WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, next);
                    _headCount = 0;
                    _skip = 0;
                }

                FinishPacket(next);
                return 0;
            }

            int inHead = have - ReceiveHeader.Length;
            if (inHead >= frameLength)
            {
                // The whole frame came with the header (a short one): no second read.
                Array.Copy(_head, headerOffset + ReceiveHeader.Length, buffer, offset, frameLength);
                if (have >= packetLength)
                {
                    KeepFollowingBytes(headerOffset + packetLength, have - packetLength);
                }
                else
                {
                    _headCount = 0;
                    _skip = packetLength - have;
                }
            }
            else
            {
                int rest = frameLength - inHead;
                int tail = ReceiveHeader.FcsLength + (byteCount & 1);

                // Prefetch: when another complete packet follows and the caller's buffer has room after this frame,
                // the same RBM continues through this frame's FCS and pad into the next header and the bytes after it
                // that ERXWRPTL proves complete (as many as the room and the driver's array take).
                int prefetch = 0;
                if (KnownComplete(next))
                {
                    prefetch = KnownCompleteBytes(next);
                    int room = capacity - frameLength - tail;
                    int command = _readCommand.Length - 1 - rest - tail;
                    if (room > command)
                    {
                        room = command;
                    }

                    if (prefetch > room)
                    {
                        prefetch = room < MinimumHeadBytes ? 0 : room;
                    }
                }

                // The opcode's reply byte lands on buffer[offset + inHead - 1]; the copy below overwrites it.
                _spi.TransferFullDuplex(_readCommand, 0, buffer, offset + inHead - 1, 1 + rest + (prefetch > 0 ? tail + prefetch : 0));
                Array.Copy(_head, headerOffset + ReceiveHeader.Length, buffer, offset, inHead);
                if (prefetch > 0)
                {
                    Array.Copy(buffer, offset + frameLength + tail, _head, 1, prefetch);
                    _headStart = 1;
                    _headCount = prefetch;
                }
                else
                {
                    _headCount = 0;
                    _skip = tail;
                }
            }

            FinishPacket(next);
            _statistics.CountReceived(frameLength);
            return frameLength;
        }

        /// <summary>
        /// Makes sure the header and at least one frame byte of the packet at <paramref name="packetStart"/> are in
        /// <see cref="_head"/> from <see cref="_headStart"/>, and returns how many of its bytes are there. A read takes
        /// as many bytes as ERXWRPT proves complete (up to <see cref="HeadPacketBytes"/>), so a short frame comes whole
        /// with its header in one RBM; bytes read beyond it belong to the next complete packet and are kept for it.
        /// </summary>
        private int FillHead(int packetStart)
        {
            int want = KnownCompleteBytes(packetStart);
            if (_headCount == 0)
            {
                _spi.TransferFullDuplex(_readCommand, 0, _head, 0, 1 + _skip + want);
                _headStart = 1 + _skip;
                _headCount = want;
                _skip = 0;
                return want;
            }

            int have = _headCount;
            if (have <= ReceiveHeader.Length && want > have)
            {
                // Kept bytes from _head[1]: append after them; the reply byte lands on the last kept byte.
                byte last = _head[have];
                _spi.TransferFullDuplex(_readCommand, 0, _head, have, 1 + want - have);
                _head[have] = last;
                _headCount = want;
            }

            return _headCount;
        }

        /// <summary>
        /// Bytes from <paramref name="packet"/> that ERXWRPT as last read proves complete, within
        /// [<see cref="MinimumHeadBytes"/>, <see cref="HeadPacketBytes"/>]. Only ERXWRPTL is needed: the distance to it
        /// modulo 256 is at most the true distance (the ring is whole pages), and a complete packet has at least a
        /// header and the 18-byte minimum the chip stores.
        /// </summary>
        private int KnownCompleteBytes(int packet)
        {
            int known = (_writtenLow - packet) & 0xFF;
            if (known < MinimumHeadBytes)
            {
                return MinimumHeadBytes;
            }

            return known > HeadPacketBytes ? HeadPacketBytes : known;
        }

        /// <summary>Moves <paramref name="count"/> bytes of the next packet, read with this one, to _head[1] (ERDPT is past them).</summary>
        private void KeepFollowingBytes(int from, int count)
        {
            if (count > 0)
            {
                Array.Copy(_head, from, _head, 1, count);
            }

            _headStart = 1;
            _headCount = count;
            _skip = 0;
        }

        private void FinishPacket(int next)
        {
            _nextPacket = next;
            BitFieldSet(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_PKTDEC);
            _packetWaiting = KnownComplete(next);
            if (!_packetWaiting)
            {
                _confirm = true;
            }

            // Within a burst, give space back only once a quarter of the ring is held; otherwise at the burst's end.
            if (ReceiveRing.Distance(_released, _nextPacket, RingStart, _rxEnd) > (_rxEnd + 1) / 4)
            {
                Release();
            }
        }

        /// <summary>
        /// Reads ERXWRPT, where the chip stores the next packet once the current one is complete (DS §7.2.1: it
        /// advances only when a packet has been received whole), and returns whether a complete packet waits at
        /// <see cref="_nextPacket"/>. ERXWRPTL alone answers unless it equals the next packet's low byte: then ERXWRPTH
        /// tells an empty ring from waiting packets that fill a multiple of 256 bytes. Bank 0 like ERXRDPT, EWRPT and
        /// ETXND, so receiving and sending never switch banks (EPKTCNT is in bank 1). EPKTCNT still counts the packets
        /// (PKTDEC per packet) so that the chip never stops at 255.
        /// </summary>
        private bool ReadReceiveWritePointer()
        {
            _writtenLow = ReadRegister(Enc28j60Registers.ERXWRPTL);
            _writtenHigh = -1;
            if (_writtenLow != (_nextPacket & 0xFF))
            {
                return true;
            }

            // A packet completing between the two reads moved ERXWRPT: it is there either way.
            _writtenHigh = ReadRegister(Enc28j60Registers.ERXWRPTH);
            return _writtenHigh != (_nextPacket >> 8);
        }

        /// <summary>
        /// True when ERXWRPT as last read proves a complete packet at <paramref name="packet"/> (within the packets
        /// complete at that read). False when it cannot tell: the burst ends and ERXWRPT is read again (errata 6).
        /// </summary>
        private bool KnownComplete(int packet)
        {
            return _writtenLow != (packet & 0xFF) || (_writtenHigh >= 0 && _writtenHigh != (packet >> 8));
        }

        /// <summary>Moves ERXRDPT up to the last whole page before the next packet (one write of ERXRDPTH).</summary>
        private void Release()
        {
            int target = ReceiveRing.PageFreeingPointer(_nextPacket, RingStart, _rxEnd);
            if (target != _released)
            {
                WriteRegister(Enc28j60Registers.ERXRDPTH, target >> 8);
                _released = target;
            }
        }

        /// <summary>After a corrupted header: receive logic reset, empty ring, packet count back to 0 (as LNX).</summary>
        private void ResetReceiveLogic()
        {
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXEN);
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXRST);
            BitFieldClear(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXRST);
            WriteRingRegisters();
            int count = ReadRegister(Enc28j60Registers.EPKTCNT);
            for (int i = 0; i < count; i++)
            {
                BitFieldSet(Enc28j60Registers.ECON2, Enc28j60Bits.ECON2_PKTDEC);
            }

            _packetWaiting = false;
            _confirm = true;
            BitFieldClear(Enc28j60Registers.EIR, Enc28j60Bits.EIR_RXERIF);
            BitFieldSet(Enc28j60Registers.ECON1, Enc28j60Bits.ECON1_RXEN);
            _statistics.CountReceiveReset();
        }

        /// <summary>ERXST/ERXND (which also reset the hardware write pointer), ERXRDPT = ERXND (odd, errata 14), ERDPT = ERXST.</summary>
        private void WriteRingRegisters()
        {
            WriteRegisterPair(Enc28j60Registers.ERXSTL, Enc28j60Registers.ERXSTH, RingStart);
            WriteRegisterPair(Enc28j60Registers.ERXNDL, Enc28j60Registers.ERXNDH, _rxEnd);

            // ERXRDPTL is buffered until ERXRDPTH is written (DS §7.2.4); its FFh stays buffered for later releases.
            WriteRegisterPair(Enc28j60Registers.ERXRDPTL, Enc28j60Registers.ERXRDPTH, _rxEnd);
            _released = _rxEnd;
            WriteRegisterPair(Enc28j60Registers.ERDPTL, Enc28j60Registers.ERDPTH, RingStart);
            _nextPacket = RingStart;
            _skip = 0;
            _headCount = 0;
        }
    }
}
