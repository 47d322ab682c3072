using System;
using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>A scripted connection: bytes fed in are what the client sent, everything sent is collected.</summary>
    public sealed class FakeHttpConnection : IHttpConnection
    {
        private byte[] _input = new byte[0];
        private int _inputPosition;
        private byte[] _output = new byte[256];
        private int _outputLength;

        /// <summary>Bytes TrySend and Send may still take (int.MaxValue: unlimited).</summary>
        public int SendAllowance = int.MaxValue;

        public bool PeerClosed;
        public bool Failed;
        public bool Closed;
        public bool Aborted;

        public bool EndOfStream => PeerClosed && _inputPosition == _input.Length;

        public int OutputLength => _outputLength;

        /// <summary>Bytes fed and not yet read by the server.</summary>
        public int Unread => _input.Length - _inputPosition;

        public void Feed(string text)
        {
            Feed(HttpAscii.Encode(text));
        }

        public void Feed(byte[] bytes)
        {
            Feed(bytes, 0, bytes.Length);
        }

        public void Feed(byte[] bytes, int offset, int count)
        {
            int unread = _input.Length - _inputPosition;
            byte[] input = new byte[unread + count];
            Array.Copy(_input, _inputPosition, input, 0, unread);
            Array.Copy(bytes, offset, input, unread, count);
            _input = input;
            _inputPosition = 0;
        }

        public string Output()
        {
            return Text.Ascii(_output, 0, _outputLength);
        }

        public byte[] OutputBytes()
        {
            byte[] copy = new byte[_outputLength];
            Array.Copy(_output, copy, _outputLength);
            return copy;
        }

        public void ClearOutput()
        {
            _outputLength = 0;
        }

        public int TryReceive(byte[] buffer, int offset, int count)
        {
            if (Failed)
            {
                return -1;
            }

            int available = _input.Length - _inputPosition;
            int n = count < available ? count : available;
            Array.Copy(_input, _inputPosition, buffer, offset, n);
            _inputPosition += n;
            return n;
        }

        public int TrySend(byte[] buffer, int offset, int count)
        {
            if (Failed || Closed || Aborted)
            {
                return -1;
            }

            int n = count < SendAllowance ? count : SendAllowance;
            if (SendAllowance != int.MaxValue)
            {
                SendAllowance -= n;
            }

            Append(buffer, offset, n);
            return n;
        }

        public void Close()
        {
            Closed = true;
        }

        public void Abort()
        {
            Aborted = true;
        }

        private void Append(byte[] buffer, int offset, int count)
        {
            if (_outputLength + count > _output.Length)
            {
                int size = _output.Length * 2;
                while (size < _outputLength + count)
                {
                    size *= 2;
                }

                byte[] output = new byte[size];
                Array.Copy(_output, output, _outputLength);
                _output = output;
            }

            Array.Copy(buffer, offset, _output, _outputLength, count);
            _outputLength += count;
        }
    }
}
