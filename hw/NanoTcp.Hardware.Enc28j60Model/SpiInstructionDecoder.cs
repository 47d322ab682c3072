using R = NanoTcp.Hardware.Enc28j60Model.Enc28j60Registers;

namespace NanoTcp.Hardware.Enc28j60Model
{
    /// <summary>
    /// Decodes one chip-select frame (FACTS.md §1.1, §1.2): the first byte is the opcode (3 bits) and argument
    /// (5 bits); RCR/WCR/BFS/BFC act on one data byte, RBM/WBM stream until chip select rises, SRC is one byte.
    /// Full duplex: SO byte i is produced in the same clocks as SI byte i, so read and write buffers may alias.
    /// </summary>
    internal sealed class SpiInstructionDecoder
    {
        private readonly Enc28j60Chip _chip;

        public SpiInstructionDecoder(Enc28j60Chip chip)
        {
            _chip = chip;
        }

        public void Frame(byte[] w, int wo, byte[] r, int ro, int count)
        {
            byte opcodeByte = w[wo];
            int opcode = opcodeByte >> 5;
            int argument = opcodeByte & 0x1F;
            Enc28j60Instruction instruction = Classify(opcode, argument);
            _chip.Counters.CountSpiFrame(instruction, count);
            byte undefined = _chip.Options.UndefinedSoByte;
            Put(r, ro, 0, undefined);

            if (_chip.InResetWindow && instruction != Enc28j60Instruction.SystemResetCommand)
            {
                // Errata #2: the chip does not act on SPI for ~1 ms after SRC, yet ESTAT.CLKRDY reads 1.
                _chip.Counters.IgnoredDuringResetWindow++;
                bool readsEstat = instruction == Enc28j60Instruction.ReadControlRegister && argument == R.ESTAT;
                for (int i = 1; i < count; i++)
                {
                    Put(r, ro, i, i == 1 && readsEstat ? R.ESTAT_CLKRDY : (byte)0x00);
                }

                return;
            }

            switch (instruction)
            {
                case Enc28j60Instruction.ReadControlRegister:
                    ReadControlRegister(argument, r, ro, count, undefined);
                    break;
                case Enc28j60Instruction.WriteControlRegister:
                    if (count > 1)
                    {
                        byte value = w[wo + 1];
                        FillUndefined(r, ro, 1, count, undefined);
                        _chip.Access.Write(argument, value);
                    }

                    break;
                case Enc28j60Instruction.BitFieldSet:
                case Enc28j60Instruction.BitFieldClear:
                    if (count > 1)
                    {
                        byte mask = w[wo + 1];
                        FillUndefined(r, ro, 1, count, undefined);
                        _chip.Access.BitField(argument, mask, instruction == Enc28j60Instruction.BitFieldSet);
                    }

                    break;
                case Enc28j60Instruction.ReadBufferMemory:
                    ReadBufferMemory(r, ro, count);
                    break;
                case Enc28j60Instruction.WriteBufferMemory:
                    WriteBufferMemory(w, wo, r, ro, count, undefined);
                    break;
                case Enc28j60Instruction.SystemResetCommand:
                    FillUndefined(r, ro, 1, count, undefined);
                    _chip.SystemResetCommand();
                    break;
                default:
                    _chip.Counters.InvalidInstructions++;
                    FillUndefined(r, ro, 1, count, undefined);
                    break;
            }
        }

        private static Enc28j60Instruction Classify(int opcode, int argument)
        {
            switch (opcode)
            {
                case 0: return Enc28j60Instruction.ReadControlRegister;
                case 1: return argument == 0x1A ? Enc28j60Instruction.ReadBufferMemory : Enc28j60Instruction.Invalid;
                case 2: return Enc28j60Instruction.WriteControlRegister;
                case 3: return argument == 0x1A ? Enc28j60Instruction.WriteBufferMemory : Enc28j60Instruction.Invalid;
                case 4: return Enc28j60Instruction.BitFieldSet;
                case 5: return Enc28j60Instruction.BitFieldClear;
                case 7: return argument == 0x1F ? Enc28j60Instruction.SystemResetCommand : Enc28j60Instruction.Invalid;
                default: return Enc28j60Instruction.Invalid;
            }
        }

        private void ReadControlRegister(int address, byte[] r, int ro, int count, byte undefined)
        {
            // MAC/MII registers shift out a dummy byte before the data (24 clocks in all).
            int dataIndex = R.IsMacOrMii(_chip.Registers.Bank, address) ? 2 : 1;
            if (count <= dataIndex)
            {
                FillUndefined(r, ro, 1, count, undefined);
                return;
            }

            byte value = _chip.Access.Read(address);
            for (int i = 1; i < count; i++)
            {
                Put(r, ro, i, i == dataIndex ? value : undefined);
            }
        }

        private void ReadBufferMemory(byte[] r, int ro, int count)
        {
            RegisterFile regs = _chip.Registers;
            int pointer = regs.Erdpt;
            bool autoIncrement = (regs.Econ2 & R.ECON2_AUTOINC) != 0;
            int erxst = regs.Erxst;
            int erxnd = regs.Erxnd;
            for (int i = 1; i < count; i++)
            {
                Put(r, ro, i, _chip.Memory[pointer]);
                if (autoIncrement)
                {
                    pointer = BufferMemory.NextInRing(pointer, erxst, erxnd);
                }
            }

            regs.Erdpt = pointer;
        }

        private void WriteBufferMemory(byte[] w, int wo, byte[] r, int ro, int count, byte undefined)
        {
            RegisterFile regs = _chip.Registers;
            int pointer = regs.Ewrpt;
            bool autoIncrement = (regs.Econ2 & R.ECON2_AUTOINC) != 0;
            bool transmitting = _chip.Transmitter.Transmitting;
            int sending = regs.Etxst;
            int sendingLength = ((regs.Etxnd - sending) & 0x1FFF) + 1 + 7; // control byte and frame, status vector
            for (int i = 1; i < count; i++)
            {
                byte value = w[wo + i];
                Put(r, ro, i, undefined);
                if (transmitting)
                {
                    _chip.Counters.BufferBytesWrittenWhileTransmitting++;
                    if (((pointer - sending) & 0x1FFF) < sendingLength)
                    {
                        _chip.Counters.BufferWritesIntoTransmission++;
                    }
                }

                _chip.Memory[pointer] = value;
                if (autoIncrement)
                {
                    pointer = BufferMemory.NextLinear(pointer);
                }
            }

            regs.Ewrpt = pointer;
        }

        private static void Put(byte[] r, int ro, int index, byte value)
        {
            if (r != null)
            {
                r[ro + index] = value;
            }
        }

        private static void FillUndefined(byte[] r, int ro, int from, int count, byte undefined)
        {
            for (int i = from; i < count; i++)
            {
                Put(r, ro, i, undefined);
            }
        }
    }
}
