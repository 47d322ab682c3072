using System;

namespace NanoTcp.Http
{
    /// <summary>
    /// Handing buffered bytes to the connection: <see cref="Flush"/>, <see cref="Complete"/> after the handler, interim
    /// responses, and making room (on the loop a full buffer fails; on an application thread it waits for send space).
    /// </summary>
    public sealed partial class HttpResponse
    {
        /// <summary>
        /// Hands what is buffered to the connection as far as it takes it now; the rest stays buffered and goes out from
        /// <see cref="Continue"/> (on an application thread with <see cref="HttpServer.SendSpace"/>: waits until all is taken).
        /// </summary>
        public void Flush()
        {
            CloseChunk();
            MakeRoom(_sendSpace != null ? _buffer.Length : 0);
        }

        /// <summary>
        /// Ends the response (the server calls this after the handler returned): the last chunk, a flush, or the reason the
        /// exchange cannot be completed. What the connection did not take yet goes out from <see cref="Continue"/>.
        /// </summary>
        internal ResponseEnd Complete()
        {
            if (!_started)
            {
                return ResponseEnd.NotStarted;
            }

            if (_source != null || _writer != null)
            {
                // The rest goes out from Continue, called by the server's poll.
                CloseChunk();
                return ResponseEnd.Complete;
            }

            ResponseEnd result = FinishBody();
            if (result != ResponseEnd.Complete)
            {
                return result;
            }

            SendBuffered();
            return ResponseEnd.Complete;
        }

        /// <summary>Queues a complete interim response (such as 100 Continue) before the final one; it stays in front of it.</summary>
        internal void SendInterim(byte[] interim)
        {
            AppendRaw(interim, 0, interim.Length);
            SendBuffered();
        }

        /// <summary>Drops what is buffered and not sent (a handler failed before anything went out).</summary>
        internal void Discard()
        {
            _source = null;
            _writer = null;
            _pending = 0;
            _count = _carried;
            _chunkStart = -1;
            _started = false;
            _chunked = false;
        }

        /// <summary>Hands the connection what it takes of the buffered bytes now; returns how many, -1 when it failed.</summary>
        private int SendBuffered()
        {
            if (_chunkStart >= 0)
            {
                throw new InvalidOperationException("an open chunk must be closed before it is sent");
            }

            if (_pending >= _count)
            {
                return 0;
            }

            int n = _connection == null ? -1 : _connection.TrySend(_buffer, _pending, _count - _pending);
            if (n > 0)
            {
                _pending += n;
                _bytesSent += n;
                _lastProgress = _clock.Milliseconds;
            }

            return n;
        }

        /// <summary>
        /// Frees room for <paramref name="need"/> bytes behind the buffered ones: sends what the connection takes and moves
        /// the unsent rest to the front. Without room: on the loop, <see cref="HttpResponseTooLargeException"/>; on an
        /// application thread, waits on the send-space signal (clock-time write time-out, restarted by every progress).
        /// </summary>
        private void MakeRoom(int need)
        {
            long deadline = _writeTimeout < 0 ? long.MaxValue : _clock.Milliseconds + _writeTimeout;
            for (;;)
            {
                int sent = SendBuffered();
                if (sent < 0)
                {
                    throw new HttpConnectionLostException("the connection failed while sending");
                }

                if (_pending > 0)
                {
                    int unsent = _count - _pending;
                    Array.Copy(_buffer, _pending, _buffer, 0, unsent);
                    if (_chunkStart >= 0)
                    {
                        _chunkStart -= _pending;
                    }

                    _count = unsent;
                    _carried = _carried > _pending ? _carried - _pending : 0;
                    _pending = 0;
                }

                if (_buffer.Length - _count >= need)
                {
                    return;
                }

                if (_sendSpace == null)
                {
                    throw new HttpResponseTooLargeException("the response does not fit the output buffer and the connection's free send space; stream it (StreamFrom)");
                }

                if (sent > 0 && _writeTimeout >= 0)
                {
                    deadline = _clock.Milliseconds + _writeTimeout;
                }
                else if (_clock.Milliseconds >= deadline)
                {
                    throw new HttpWriteTimeoutException("the peer took no data within the write time-out");
                }

                _sendSpace.Wait(deadline);
            }
        }
    }
}
