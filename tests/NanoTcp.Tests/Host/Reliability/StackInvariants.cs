using System;
using System.Collections.Generic;
using System.Reflection;
using NanoTcp.Firmware;
using NanoTcp.Tcp;

using NanoTcp.Tests.Firmware;
using NanoTcp.Tests.Http;

namespace NanoTcp.Tests.Host.Reliability
{
    /// <summary>
    /// What must hold of the firmware after every frame, whatever the frame: no handler fault (the stack's catch of an
    /// escaped exception), every cumulative counter at least where it was, every frame the link gave counted, and
    /// every TCB legal (a defined state, SND.UNA ≤ SND.NXT ≤ SND.MAX, unacknowledged data within the send ring, ring
    /// positions in range, at most the reassembly ranges there is room for). <see cref="Check"/> returns null or
    /// what broke.
    /// </summary>
    internal sealed class StackInvariants
    {
        private static readonly FieldInfo RingHead = typeof(ByteRing).GetField("_head", BindingFlags.NonPublic | BindingFlags.Instance);

        private readonly NanoTcpFirmware _firmware;
        private readonly List<string> _names = new List<string>();
        private readonly List<Func<long>> _readers = new List<Func<long>>();
        private long[] _last;
        private int _framesReceived;

        public StackInvariants(NanoTcpFirmware firmware)
        {
            _firmware = firmware;
            for (int r = 0; r < (int)DropReason.Count; r++)
            {
                var reason = (DropReason)r;
                Add("drops." + reason, () => firmware.Stack.Drops.Get(reason));
            }

            AddFields("tcp.", firmware.Tcp.Counters);
            AddFields("http.", firmware.Http.Counters);
            AddFields("dns.", firmware.Stack.Dns.Counters);
            AddFields("mdns.", firmware.Stack.Mdns.Counters);
            AddFields("sntp.", firmware.Stack.Sntp.Counters);
            Add("arp.conflicts", () => firmware.Stack.Arp.Conflicts);
            Add("arp.replaced", () => firmware.Stack.Arp.Replaced);
            Add("stack.framesReceived", () => firmware.Stack.FramesReceived);
            Add("stack.framesSent", () => firmware.Stack.FramesSent);
            _last = Snapshot();
            _framesReceived = firmware.Stack.FramesReceived;
        }

        /// <summary>Checks everything after a step in which the link gave <paramref name="injected"/> frames of the test's.</summary>
        public string Check(int injected)
        {
            if (_firmware.Stack.Drops.Get(DropReason.HandlerFault) != 0)
            {
                return "a handler threw: drops.HandlerFault = " + _firmware.Stack.Drops.Get(DropReason.HandlerFault);
            }

            if (_firmware.Http.Counters.HandlerFailures != 0)
            {
                return "an HTTP handler threw: http.HandlerFailures = " + _firmware.Http.Counters.HandlerFailures;
            }

            long[] now = Snapshot();
            for (int i = 0; i < now.Length; i++)
            {
                if (now[i] < _last[i])
                {
                    return "counter " + _names[i] + " went down from " + _last[i] + " to " + now[i];
                }
            }

            _last = now;
            int frames = _firmware.Stack.FramesReceived - _framesReceived;
            _framesReceived = _firmware.Stack.FramesReceived;
            if (frames < injected)
            {
                return injected + " frames injected but FramesReceived rose by " + frames;
            }

            TcpLayer tcp = _firmware.Tcp;
            for (int i = 0; i < tcp.SlotCount; i++)
            {
                string wrong = CheckTcb(tcp.Slot(i));
                if (wrong != null)
                {
                    return "slot " + i + " (" + tcp.Slot(i).State + "): " + wrong;
                }
            }

            return null;
        }

        private static string CheckTcb(Tcb tcb)
        {
            if (!Enum.IsDefined(typeof(TcpState), tcb.State))
            {
                return "undefined state " + (int)tcb.State;
            }

            string ring = CheckRing("send", tcb.SendBuffer) ?? CheckRing("receive", tcb.ReceiveBuffer);
            if (ring != null)
            {
                return ring;
            }

            if (tcb.HeldCount < 0 || tcb.HeldCount > Tcb.ReassemblyRanges)
            {
                return "HeldCount " + tcb.HeldCount;
            }

            if (tcb.State == TcpState.Closed || tcb.State == TcpState.Listen)
            {
                return null;
            }

            if (!SequenceNumber.LessThanOrEqual(tcb.SndUna, tcb.SndNxt) || !SequenceNumber.LessThanOrEqual(tcb.SndNxt, tcb.SndMax))
            {
                return "SND.UNA " + tcb.SndUna + ", SND.NXT " + tcb.SndNxt + ", SND.MAX " + tcb.SndMax + " out of order";
            }

            // Sent but unacknowledged: the ring's bytes plus at most the SYN and the FIN.
            uint outstanding = tcb.SndMax - tcb.SndUna;
            if (outstanding > (uint)tcb.SendBuffer.Count + 2)
            {
                return outstanding + " bytes outstanding but " + tcb.SendBuffer.Count + " in the send ring";
            }

            if (tcb.SndWnd < 0 || tcb.SndMss <= 0)
            {
                return "SND.WND " + tcb.SndWnd + ", MSS " + tcb.SndMss;
            }

            return null;
        }

        private static string CheckRing(string name, ByteRing ring)
        {
            int head = (int)RingHead.GetValue(ring);
            if (ring.Count < 0 || ring.Count > ring.Capacity || head < 0 || head >= ring.Capacity)
            {
                return name + " ring count " + ring.Count + ", head " + head + ", capacity " + ring.Capacity;
            }

            return null;
        }

        private void AddFields(string prefix, object counters)
        {
            foreach (FieldInfo field in counters.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                if (field.FieldType == typeof(int) || field.FieldType == typeof(long))
                {
                    Add(prefix + field.Name, () => Convert.ToInt64(field.GetValue(counters)));
                }
            }
        }

        private void Add(string name, Func<long> reader)
        {
            _names.Add(name);
            _readers.Add(reader);
        }

        private long[] Snapshot()
        {
            var values = new long[_readers.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = _readers[i]();
            }

            return values;
        }
    }
}
