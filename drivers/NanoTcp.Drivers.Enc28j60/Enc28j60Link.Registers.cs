using System;

namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>
    /// Register access of <see cref="Enc28j60Link"/>: PHY registers through MIREGADR/MICMD (DS §3.3), the bounded waits
    /// (register polls, milliseconds from the tick) and the SPI instructions with the cached bank (DS §4). Every other
    /// part of the driver reaches the chip through these.
    /// </summary>
    public sealed partial class Enc28j60Link
    {
        private int ReadPhy(int address, string name)
        {
            WriteRegister(Enc28j60Registers.MIREGADR, address);
            WriteRegister(Enc28j60Registers.MICMD, Enc28j60Bits.MICMD_MIIRD);
            WaitMiiIdle(name);
            WriteRegister(Enc28j60Registers.MICMD, 0);
            int low = ReadRegister(Enc28j60Registers.MIRDL);
            int high = ReadRegister(Enc28j60Registers.MIRDH);
            return low | (high << 8);
        }

        private void WritePhy(int address, int value, string name)
        {
            WriteRegister(Enc28j60Registers.MIREGADR, address);
            WriteRegister(Enc28j60Registers.MIWRL, value & 0xFF);
            WriteRegister(Enc28j60Registers.MIWRH, (value >> 8) & 0xFF); // starts the MII write
            WaitMiiIdle(name);
        }

        private void WaitMiiIdle(string name)
        {
            if (!Poll(Enc28j60Registers.MISTAT, Enc28j60Bits.MISTAT_BUSY, 0, _registerTimeout))
            {
                throw new TimeoutException("ENC28J60: MISTAT.BUSY still set " + _registerTimeout.ToString() + " ms after accessing PHY register " + name + " (MISTAT=0x" + _lastPolled.ToString("X2") + ")");
            }
        }

        /// <summary>
        /// Reads <paramref name="register"/> until (value &amp; mask) == expected; false when the timeout passes by the
        /// tick or the poll count runs out (a clock that does not move). Calls the delay callback after every
        /// <see cref="SpinPollsBeforeDelay"/> polls.
        /// </summary>
        private bool Poll(int register, int mask, int expected, int timeoutMilliseconds)
        {
            long start = _clock.Milliseconds;
            int limit = timeoutMilliseconds * _maxPollsPerMillisecond;
            for (int polls = 1; ; polls++)
            {
                // The time is taken before the read, so the last read always happens after the deadline: a thread
                // descheduled between a read and the check must not fail a chip that has answered meanwhile.
                bool expired = polls >= limit || _clock.Milliseconds - start >= timeoutMilliseconds;
                int value = ReadRegister(register);
                _lastPolled = value;
                if ((value & mask) == expected)
                {
                    return true;
                }

                if (expired)
                {
                    return false;
                }

                // Most waits end within a few polls (a frame leaving the wire, an MII operation of 10 µs): spin
                // first, give the processor away only when the chip takes longer.
                if (_delay != null && polls % SpinPollsBeforeDelay == 0)
                {
                    _delay(1);
                }
            }
        }

        /// <summary>Waits until the tick has advanced by <paramref name="milliseconds"/>; fails if the clock does not move.</summary>
        private void WaitMilliseconds(int milliseconds, string step)
        {
            long start = _clock.Milliseconds;
            int limit = _delay != null ? 4 * milliseconds + 8 : milliseconds * _maxPollsPerMillisecond * 100;
            for (int turn = 0; turn < limit; turn++)
            {
                if (_clock.Milliseconds - start >= milliseconds)
                {
                    return;
                }

                if (_delay != null)
                {
                    _delay(1);
                }
            }

            if (_clock.Milliseconds - start >= milliseconds)
            {
                return;
            }

            throw new TimeoutException("ENC28J60: the tick source did not advance during the " + step + "; a clock that only moves by hand needs Enc28j60Options.Delay to advance it");
        }

        // --- SPI instructions (each call is one chip-select frame) ---

        private int ReadRegister(int register)
        {
            SelectBankFor(register);
            _command[0] = Enc28j60Opcodes.For(Enc28j60Opcodes.ReadControlRegister, register);
            _command[1] = 0;
            _command[2] = 0;
            int count = Enc28j60Registers.IsMacOrMii(register) ? 3 : 2; // MAC/MII: dummy byte first
            _spi.TransferFullDuplex(_command, 0, _reply, 0, count);
            return _reply[count - 1];
        }

        /// <summary>A 16-bit register pair, low byte first (for ERXRDPT the low byte is latched until the high one is written).</summary>
        private void WriteRegisterPair(int low, int high, int value)
        {
            WriteRegister(low, value & 0xFF);
            WriteRegister(high, (value >> 8) & 0xFF);
        }

        private void WriteRegister(int register, int value)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.WriteControlRegister, register, value);
        }

        /// <summary>BFS: ETH registers only (DS §4.2.5).</summary>
        private void BitFieldSet(int register, int mask)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.BitFieldSet, register, mask);
        }

        /// <summary>BFC: ETH registers only (DS §4.2.6).</summary>
        private void BitFieldClear(int register, int mask)
        {
            SelectBankFor(register);
            Instruction(Enc28j60Opcodes.BitFieldClear, register, mask);
        }

        private void Instruction(byte opcode, int register, int value)
        {
            _command[0] = Enc28j60Opcodes.For(opcode, register);
            _command[1] = (byte)value;
            _spi.Write(_command, 0, 2);
        }

        private void SelectBankFor(int register)
        {
            if (!Enc28j60Registers.IsCommon(register))
            {
                SelectBank(Enc28j60Registers.Bank(register));
            }
        }

        /// <summary>Cached bank switch: one BFC and/or one BFS of ECON1.BSEL1:BSEL0, only for the bits that differ.</summary>
        private void SelectBank(int bank)
        {
            if (bank == _bank)
            {
                return;
            }

            int current = _bank < 0 ? 0x03 : _bank;
            int clear = current & ~bank;
            int set = _bank < 0 ? bank : bank & ~current;
            if (clear != 0)
            {
                Instruction(Enc28j60Opcodes.BitFieldClear, Enc28j60Registers.ECON1, clear);
            }

            if (set != 0)
            {
                Instruction(Enc28j60Opcodes.BitFieldSet, Enc28j60Registers.ECON1, set);
            }

            _bank = bank;
        }
    }
}
