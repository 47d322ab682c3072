using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// Bodies the server streams after the handler returned (<see cref="StreamFrom(IHttpBodySource)"/>,
    /// <see cref="StreamFrom(IHttpBodyWriter)"/>), driven by <see cref="Continue"/> from the server's poll, and the
    /// response side of a streamed request body (<see cref="Pump"/>).
    /// </summary>
    public sealed partial class HttpResponse
    {
        /// <summary>
        /// Hands the rest of the body (every byte the Content-Length still expects; the source's position 0 is the first of
        /// them) to <paramref name="source"/>: the server
        /// pulls it from <see cref="HttpServer.Poll"/> as send space frees up, after the handler has returned, so other
        /// connections are served meanwhile. Call last in the handler; only for responses with a Content-Length.
        /// </summary>
        public void StreamFrom(IHttpBodySource source)
        {
            if (source == null)
            {
                throw new ArgumentNullException(nameof(source));
            }

            if (!_started || _chunked || _remaining == long.MaxValue)
            {
                throw new InvalidOperationException("StreamFrom needs a started response with a Content-Length");
            }

            if (_head || _remaining == 0)
            {
                _remaining = 0;
                return;
            }

            _source = source;
            _sourcePosition = 0;
        }

        /// <summary>
        /// Hands the rest of the body to <paramref name="writer"/>: the server calls it from <see cref="HttpServer.Poll"/>
        /// each time the output buffer has been handed to TCP, until it says the body is complete. Any framing (a
        /// Content-Length, chunked, close-delimited); its state lives in <see cref="WriterStep"/> and <see cref="WriterOffset"/>.
        /// Call last in the handler.
        /// </summary>
        public void StreamFrom(IHttpBodyWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException(nameof(writer));
            }

            if (!_started || _source != null)
            {
                throw new InvalidOperationException("StreamFrom needs a started response and one body source or writer");
            }

            WriterStep = 0;
            WriterOffset = 0;
            if (!_head)
            {
                _writer = writer;
            }
        }

        /// <summary>
        /// Body bytes the output buffer takes now without a send (room for a chunk's framing and the last chunk kept):
        /// what a <see cref="IHttpBodyWriter"/> may write in one call.
        /// </summary>
        public int Room
        {
            get
            {
                int overhead = _chunked ? (_chunkStart < 0 ? ChunkHeaderLength : 0) + 2 + LastChunk.Length : 0;
                int room = _buffer.Length - _count - overhead;
                return room < 0 ? 0 : room;
            }
        }

        /// <summary>True while bytes of this response wait for send space or a source or writer has more (see <see cref="Continue"/>).</summary>
        public bool IsStreaming => _source != null || _writer != null || _pending < _count;

        /// <summary>
        /// Sends what the connection takes now, refilling from the body source or writer; never waits and never gives up
        /// for slowness (only TCP decides that a peer is gone).
        /// </summary>
        internal ResponseProgress Continue()
        {
            for (int round = 0; round < 16; round++)
            {
                // Top the buffer up behind whatever is still there (the head, on the first call), so that head and body
                // leave in one segment and Nagle never holds a lone small piece.
                if (_pending == 0 && _source != null && _count < _buffer.Length && _remaining > 0)
                {
                    int room = _buffer.Length - _count;
                    int want = _remaining < room ? (int)_remaining : room;
                    int got = _source.Read(_sourcePosition, _buffer, _count, want);
                    if (got <= 0 || got > want)
                    {
                        return ResponseProgress.Failed; // the source broke its promise: the framing cannot be kept
                    }

                    _count += got;
                    _sourcePosition += got;
                    _remaining -= got;
                    if (_remaining == 0)
                    {
                        _source = null;
                    }
                }
                else if (_pending == 0 && _writer != null)
                {
                    int before = _count;
                    bool done;
                    _inWriter = true;
                    try
                    {
                        done = _writer.WriteNext(_request, this);
                    }
                    catch (Exception)
                    {
                        return ResponseProgress.Failed; // bytes went out already: the framing cannot be kept
                    }
                    finally
                    {
                        _inWriter = false;
                    }

                    CloseChunk(); // a chunk's size is written when it closes: close it before any of it is sent
                    if (done)
                    {
                        _writer = null;
                        if (FinishBody() != ResponseEnd.Complete)
                        {
                            return ResponseProgress.Failed;
                        }
                    }
                    else if (before == 0 && _count == 0)
                    {
                        return ResponseProgress.Failed; // an empty buffer and nothing written: the writer would never end
                    }
                }

                int sent = SendBuffered();
                if (sent < 0)
                {
                    return ResponseProgress.Failed;
                }

                if (_pending < _count)
                {
                    return ResponseProgress.Pending;
                }

                _count = 0;
                _pending = 0;
                if (_source == null && _writer == null)
                {
                    return ResponseProgress.Complete;
                }
            }

            return ResponseProgress.Pending;
        }

        /// <summary>
        /// While a request body streams in (<see cref="IHttpBodyReader"/>): hands what is buffered to the connection as far
        /// as it takes it now and moves the rest to the front, so <see cref="Room"/> grows as TCP takes bytes; a body
        /// source or writer is driven as by <see cref="Continue"/>. Returns false when the connection failed.
        /// </summary>
        internal bool Pump()
        {
            if (_source != null || _writer != null)
            {
                return Continue() != ResponseProgress.Failed;
            }

            CloseChunk();
            if (_pending >= _count)
            {
                _count = 0;
                _pending = 0;
                _carried = 0;
                return true;
            }

            if (SendBuffered() < 0)
            {
                return false;
            }

            if (_pending > 0)
            {
                int unsent = _count - _pending;
                Array.Copy(_buffer, _pending, _buffer, 0, unsent);
                _count = unsent;
                _carried = _carried > _pending ? _carried - _pending : 0;
                _pending = 0;
            }

            return true;
        }
    }
}
