namespace NanoTcp.Tcp
{
    /// <summary>
    /// Out-of-order data held in the receive ring's free space (up to <see cref="Tcb.ReassemblyRanges"/> ranges) and
    /// delivered when the gap before it fills. Called from the seventh step, <see cref="ProcessSegmentText"/>.
    /// </summary>
    public sealed partial class TcpLayer
    {
        /// <summary>
        /// Stores out-of-order bytes at their place after the ring's tail and records the range (merged with its
        /// neighbours). Bytes beyond the window, or a fifth separate range, are dropped.
        /// </summary>
        private void HoldOutOfOrder(Tcb tcb, uint seq, int offset, int length)
        {
            int skip = (int)(seq - tcb.RcvNxt);
            int room = tcb.ReceiveBuffer.Free - skip;
            if (length > room)
            {
                length = room;
            }

            if (length <= 0)
            {
                Drop(TcpDropReason.OutOfOrder);
                return;
            }

            // Find where the range goes: ranges are sorted by sequence number and kept apart.
            uint end = seq + (uint)length;
            int i = 0;
            while (i < tcb.HeldCount && SequenceNumber.LessThan(tcb.HeldSeq[i] + (uint)tcb.HeldLength[i], seq))
            {
                i++;
            }

            bool mergesWithNext = i < tcb.HeldCount && SequenceNumber.LessThanOrEqual(tcb.HeldSeq[i], end);
            if (!mergesWithNext && tcb.HeldCount == Tcb.ReassemblyRanges)
            {
                Drop(TcpDropReason.OutOfOrder);
                return;
            }

            tcb.ReceiveBuffer.WriteAhead(skip, _seg.Buffer, offset, length);
            Counters.outOfOrderHeld++;
            if (!mergesWithNext)
            {
                for (int k = tcb.HeldCount; k > i; k--)
                {
                    tcb.HeldSeq[k] = tcb.HeldSeq[k - 1];
                    tcb.HeldLength[k] = tcb.HeldLength[k - 1];
                }

                tcb.HeldSeq[i] = seq;
                tcb.HeldLength[i] = length;
                tcb.HeldCount++;
                return;
            }

            // Widen range i to cover [seq, end), then absorb every following range it now touches.
            uint start = SequenceNumber.LessThan(seq, tcb.HeldSeq[i]) ? seq : tcb.HeldSeq[i];
            uint last = SequenceNumber.Max(end, tcb.HeldSeq[i] + (uint)tcb.HeldLength[i]);
            int j = i + 1;
            while (j < tcb.HeldCount && SequenceNumber.LessThanOrEqual(tcb.HeldSeq[j], last))
            {
                last = SequenceNumber.Max(last, tcb.HeldSeq[j] + (uint)tcb.HeldLength[j]);
                j++;
            }

            tcb.HeldSeq[i] = start;
            tcb.HeldLength[i] = (int)(last - start);
            int removed = j - i - 1;
            for (int k = i + 1; k + removed < tcb.HeldCount; k++)
            {
                tcb.HeldSeq[k] = tcb.HeldSeq[k + removed];
                tcb.HeldLength[k] = tcb.HeldLength[k + removed];
            }

            tcb.HeldCount -= removed;
        }

        /// <summary>After RCV.NXT advanced: commits held ranges it has reached; returns the bytes delivered.</summary>
        private static int DeliverHeld(Tcb tcb)
        {
            int delivered = 0;
            while (tcb.HeldCount > 0 && SequenceNumber.LessThanOrEqual(tcb.HeldSeq[0], tcb.RcvNxt))
            {
                uint end = tcb.HeldSeq[0] + (uint)tcb.HeldLength[0];
                if (SequenceNumber.GreaterThan(end, tcb.RcvNxt))
                {
                    int n = (int)(end - tcb.RcvNxt);
                    tcb.ReceiveBuffer.Commit(n);
                    tcb.RcvNxt = end;
                    delivered += n;
                }

                for (int k = 1; k < tcb.HeldCount; k++)
                {
                    tcb.HeldSeq[k - 1] = tcb.HeldSeq[k];
                    tcb.HeldLength[k - 1] = tcb.HeldLength[k];
                }

                tcb.HeldCount--;
            }

            return delivered;
        }
    }
}
