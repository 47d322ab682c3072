using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// Body writes: the handler's Write* calls, chunk framing (RFC 9112 §7.1) and the end of the body. Buffer room comes
    /// from HttpResponse.Sending.cs (send what the connection takes, or wait).
    /// </summary>
    public sealed partial class HttpResponse
    {
        /// <summary>Writes body bytes; the buffer is flushed to the connection whenever it fills.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count), "offset and count must lie inside the buffer");
            }

            TakeBody(count);
            if (_head)
            {
                return;
            }

            while (count > 0)
            {
                int space = BodySpace(1);
                int n = count < space ? count : space;
                Array.Copy(buffer, offset, _buffer, _count, n);
                _count += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>Writes one body byte.</summary>
        public void WriteByte(byte value)
        {
            TakeBody(1);
            if (!_head)
            {
                BodySpace(1);
                _buffer[_count++] = value;
            }
        }

        /// <summary>Writes the characters of <paramref name="text"/> as ASCII (above 127: '?').</summary>
        public void WriteAscii(string text)
        {
            int length = text.Length;
            TakeBody(length);
            if (_head)
            {
                return;
            }

            int i = 0;
            while (i < length)
            {
                int space = BodySpace(1);
                int n = length - i < space ? length - i : space;
                for (int k = 0; k < n; k++)
                {
                    char c = text[i + k];
                    _buffer[_count + k] = c < (char)128 ? (byte)c : (byte)'?';
                }

                _count += n;
                i += n;
            }
        }

        /// <summary>Writes <paramref name="value"/> in decimal.</summary>
        public void WriteDecimal(long value)
        {
            int length = (value < 0 ? 1 : 0) + (value == long.MinValue ? 19 : HttpAscii.DecimalLength(value < 0 ? -value : value));
            TakeBody(length);
            if (!_head)
            {
                BodySpace(length);
                _count = HttpAscii.WriteDecimal(_buffer, _count, value);
            }
        }

        /// <summary>Writes an IPv4 address in dotted decimal (see <see cref="HttpAscii.WriteIpv4"/>).</summary>
        public void WriteIpv4(uint address)
        {
            int length = 3;
            for (int shift = 0; shift < 32; shift += 8)
            {
                length += HttpAscii.DecimalLength((address >> shift) & 0xFF);
            }

            TakeBody(length);
            if (!_head)
            {
                BodySpace(length);
                _count = HttpAscii.WriteIpv4(_buffer, _count, address);
            }
        }

        private void TakeBody(int count)
        {
            if (!_started)
            {
                throw new InvalidOperationException("call Start before writing the body");
            }

            if (_source != null)
            {
                throw new InvalidOperationException("the body comes from the source given to StreamFrom; write before StreamFrom");
            }

            if (_writer != null && !_inWriter)
            {
                throw new InvalidOperationException("the body comes from the writer given to StreamFrom; write before StreamFrom");
            }

            if (count > _remaining)
            {
                throw new InvalidOperationException("the body is longer than the Content-Length given to Start");
            }

            if (_remaining != long.MaxValue)
            {
                _remaining -= count;
            }
        }

        /// <summary>Makes room for at least <paramref name="need"/> body bytes (opening a chunk if chunked); returns the room.</summary>
        private int BodySpace(int need)
        {
            int trailer = _chunked ? 2 : 0;
            if (_chunked && _chunkStart < 0)
            {
                Reserve(ChunkHeaderLength + need + trailer);
                _chunkStart = _count;
                _count += ChunkHeaderLength;
            }

            if (_buffer.Length - trailer - _count < need)
            {
                CloseChunk();
                MakeRoom(need + (_chunked ? ChunkHeaderLength + trailer : 0));
                if (_chunked)
                {
                    _chunkStart = _count;
                    _count += ChunkHeaderLength;
                }
            }

            return _buffer.Length - trailer - _count;
        }

        /// <summary>Finishes the open chunk: size line in front, CRLF behind (RFC 9112 §7.1); an empty chunk is dropped.</summary>
        private void CloseChunk()
        {
            if (_chunkStart < 0)
            {
                return;
            }

            int size = _count - _chunkStart - ChunkHeaderLength;
            if (size == 0)
            {
                _count = _chunkStart;
            }
            else
            {
                HttpAscii.WriteHexFixed(_buffer, _chunkStart, size, 4);
                _buffer[_chunkStart + 4] = (byte)'\r';
                _buffer[_chunkStart + 5] = (byte)'\n';
                _buffer[_count++] = (byte)'\r';
                _buffer[_count++] = (byte)'\n';
            }

            _chunkStart = -1;
        }

        private void AppendRaw(byte[] source, int offset, int count)
        {
            while (count > 0)
            {
                if (_count == _buffer.Length)
                {
                    MakeRoom(1);
                }

                int space = _buffer.Length - _count;
                int n = count < space ? count : space;
                Array.Copy(source, offset, _buffer, _count, n);
                _count += n;
                offset += n;
                count -= n;
            }
        }

        private void AppendCrLf()
        {
            Reserve(2);
            _buffer[_count++] = (byte)'\r';
            _buffer[_count++] = (byte)'\n';
        }

        private void Reserve(int count)
        {
            if (_buffer.Length - _count < count)
            {
                CloseChunk();
                MakeRoom(count);
            }
        }

        /// <summary>The last chunk of a chunked body; <see cref="ResponseEnd.ShortBody"/> when a Content-Length body is short.</summary>
        private ResponseEnd FinishBody()
        {
            if (!_head && !_chunked && _remaining != long.MaxValue && _remaining > 0)
            {
                return ResponseEnd.ShortBody;
            }

            if (_chunked && !_head)
            {
                CloseChunk();
                Reserve(LastChunk.Length);
                Array.Copy(LastChunk, 0, _buffer, _count, LastChunk.Length);
                _count += LastChunk.Length;
            }

            return ResponseEnd.Complete;
        }
    }
}
