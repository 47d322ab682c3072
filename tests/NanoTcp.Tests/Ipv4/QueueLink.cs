using System;
using NanoTcp.Hardware;

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>A link a test feeds directly: any bytes at all reach the stack, unlike on a switch.</summary>
    internal sealed class QueueLink : IEthernetLink
    {
        private readonly byte[] _mac;

        public QueueLink(byte[] mac)
        {
            _mac = mac;
        }

        public FrameList Incoming { get; } = new FrameList();

        public FrameList Sent { get; } = new FrameList();

        public int TooLong { get; private set; }

        public bool IsLinkUp => true;

        public void GetMacAddress(byte[] buffer, int offset) => Array.Copy(_mac, 0, buffer, offset, 6);

        public void Send(byte[] buffer, int offset, int length)
        {
            var frame = new byte[length];
            Array.Copy(buffer, offset, frame, 0, length);
            Sent.Add(frame);
        }

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            while (Incoming.Count > 0)
            {
                var frame = Incoming.TakeFirst();
                if (frame.Length > capacity)
                {
                    TooLong++;
                    continue;
                }

                Array.Copy(frame, 0, buffer, offset, frame.Length);
                return frame.Length;
            }

            return 0;
        }
    }
}
