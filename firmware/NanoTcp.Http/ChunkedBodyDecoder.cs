namespace NanoTcp.Http
{
    /// <summary>
    /// The framing of a chunked request body (RFC 9112 §7.1), one byte of framing at a time and the data in ranges:
    /// <see cref="Frame"/> reads size lines, chunk extensions, the CRLF after each chunk and the trailer section, and
    /// stops when chunk data begins (<see cref="DataRemaining"/> bytes, taken by the caller) or the body has ended.
    /// Extensions and trailer fields are skipped, each line at most <see cref="MaxLineLength"/> bytes and the trailer
    /// section at most <see cref="MaxTrailerLength"/>. Malformed framing sets <see cref="Failed"/>; nothing throws.
    /// Allocated once per connection slot.
    /// </summary>
    internal sealed class ChunkedBodyDecoder
    {
        /// <summary>The longest chunk-size line (size and extensions) or trailer field line accepted.</summary>
        public const int MaxLineLength = 256;

        /// <summary>The longest trailer section accepted.</summary>
        public const int MaxTrailerLength = 1024;

        /// <summary>Hex digits of a chunk size: 15 keep it below 2^60.</summary>
        private const int MaxSizeDigits = 15;

        private const int SizeDigits = 0;
        private const int Extension = 1;
        private const int SizeLineFeed = 2;
        private const int Data = 3;
        private const int DataCarriageReturn = 4;
        private const int DataLineFeed = 5;
        private const int TrailerLineStart = 6;
        private const int TrailerLine = 7;
        private const int TrailerLineFeed = 8;
        private const int FinalLineFeed = 9;
        private const int Done = 10;
        private const int Error = 11;

        private int _state;
        private long _size;
        private int _digits;
        private int _lineLength;
        private int _trailerLength;

        /// <summary>Chunk data bytes the caller may take now (0 while framing is expected).</summary>
        public long DataRemaining;

        /// <summary>True once the last chunk and the trailer section have been read.</summary>
        public bool IsDone => _state == Done;

        /// <summary>True when the framing was malformed.</summary>
        public bool Failed => _state == Error;

        /// <summary>True while chunk data is expected (the caller takes <see cref="DataRemaining"/> bytes).</summary>
        public bool InData => _state == Data;

        public void Reset()
        {
            _state = SizeDigits;
            _size = 0;
            _digits = 0;
            _lineLength = 0;
            _trailerLength = 0;
            DataRemaining = 0;
        }

        /// <summary>The caller took <paramref name="count"/> data bytes; after the last of a chunk its CRLF is expected.</summary>
        public void Took(int count)
        {
            DataRemaining -= count;
            if (_state == Data && DataRemaining == 0)
            {
                _state = DataCarriageReturn;
            }
        }

        /// <summary>
        /// Reads framing bytes from <paramref name="buffer"/>[<paramref name="offset"/>..<paramref name="end"/>) until chunk
        /// data begins, the body ends or the framing fails; returns how many bytes it read.
        /// </summary>
        public int Frame(byte[] buffer, int offset, int end)
        {
            int p = offset;
            while (p < end && _state != Data && _state != Done && _state != Error)
            {
                Step(buffer[p]);
                p++;
            }

            return p - offset;
        }

        private void Step(int b)
        {
            switch (_state)
            {
                case SizeDigits:
                    int digit = HexValue(b);
                    if (digit >= 0)
                    {
                        if (++_digits > MaxSizeDigits)
                        {
                            _state = Error;
                            return;
                        }

                        _size = (_size << 4) + digit;
                        _lineLength++;
                    }
                    else if (_digits == 0 || (b != ';' && b != ' ' && b != '\t' && b != '\r' && b != '\n'))
                    {
                        _state = Error; // chunk-size = 1*HEXDIG, then BWS ";" or the line's end
                    }
                    else
                    {
                        _state = Extension;
                        Step(b);
                    }

                    return;
                case Extension:
                    // chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ): skipped, control bytes refused.
                    if (b == '\r')
                    {
                        _state = SizeLineFeed;
                    }
                    else if (b == '\n')
                    {
                        EndSizeLine();
                    }
                    else if ((b < 0x20 && b != '\t') || b == 0x7F || ++_lineLength > MaxLineLength)
                    {
                        _state = Error;
                    }

                    return;
                case SizeLineFeed:
                    if (b == '\n')
                    {
                        EndSizeLine();
                    }
                    else
                    {
                        _state = Error;
                    }

                    return;
                case DataCarriageReturn:
                    _state = b == '\r' ? DataLineFeed : (b == '\n' ? NextChunk() : Error);
                    return;
                case DataLineFeed:
                    _state = b == '\n' ? NextChunk() : Error;
                    return;
                case TrailerLineStart:
                    if (b == '\r')
                    {
                        _state = FinalLineFeed;
                    }
                    else if (b == '\n')
                    {
                        _state = Done;
                    }
                    else
                    {
                        _lineLength = 0;
                        _state = TrailerLine;
                        Step(b);
                    }

                    return;
                case TrailerLine:
                    if (++_trailerLength > MaxTrailerLength || ++_lineLength > MaxLineLength || ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7F))
                    {
                        _state = Error;
                    }
                    else if (b == '\r')
                    {
                        _state = TrailerLineFeed;
                    }
                    else if (b == '\n')
                    {
                        _state = TrailerLineStart;
                    }

                    return;
                case TrailerLineFeed:
                    _state = b == '\n' ? TrailerLineStart : Error;
                    return;
                case FinalLineFeed:
                    _state = b == '\n' ? Done : Error;
                    return;
            }
        }

        private void EndSizeLine()
        {
            if (_size == 0)
            {
                _state = TrailerLineStart; // last-chunk: the trailer section follows
                return;
            }

            DataRemaining = _size;
            _state = Data;
        }

        private int NextChunk()
        {
            _size = 0;
            _digits = 0;
            _lineLength = 0;
            return SizeDigits;
        }

        private static int HexValue(int b)
        {
            if (b >= '0' && b <= '9')
            {
                return b - '0';
            }

            if (b >= 'a' && b <= 'f')
            {
                return b - 'a' + 10;
            }

            if (b >= 'A' && b <= 'F')
            {
                return b - 'A' + 10;
            }

            return -1;
        }
    }
}
