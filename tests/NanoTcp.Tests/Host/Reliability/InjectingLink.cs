using System;
using System.Collections.Generic;
using NanoTcp.Hardware;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// The board's link with a side door: frames a test injects are received before the wire's, unfiltered (the
    /// stack's own Ethernet checks see them as a chip in promiscuous mode would pass them).
    /// </summary>
    internal sealed class InjectingLink : IEthernetLink
    {
        private readonly IEthernetLink _inner;
        private readonly Queue<byte[]> _injected = new Queue<byte[]>();

        public InjectingLink(IEthernetLink inner)
        {
            _inner = inner;
        }

        public bool IsLinkUp => _inner.IsLinkUp;

        public int Waiting => _injected.Count;

        public void Inject(byte[] frame) => _injected.Enqueue(frame);

        public void GetMacAddress(byte[] buffer, int offset) => _inner.GetMacAddress(buffer, offset);

        public void Send(byte[] buffer, int offset, int length) => _inner.Send(buffer, offset, length);

        public int Receive(byte[] buffer, int offset, int capacity)
        {
            if (_injected.Count == 0)
            {
                return _inner.Receive(buffer, offset, capacity);
            }

            byte[] frame = _injected.Dequeue();
            if (frame.Length > capacity)
            {
                return 0;
            }

            Array.Copy(frame, 0, buffer, offset, frame.Length);
            return frame.Length;
        }
    }
}
