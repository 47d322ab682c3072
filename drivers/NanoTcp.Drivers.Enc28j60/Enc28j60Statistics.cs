namespace NanoTcp.Drivers.Enc28j60
{
    /// <summary>What the driver has seen since start (or since <see cref="Clear"/>). One instance per driver, updated on the stack's thread.</summary>
    public sealed class Enc28j60Statistics
    {
        /// <summary>Frames handed to the stack by Receive.</summary>
        public long FramesReceived { get; private set; }

        /// <summary>Bytes of those frames (without FCS).</summary>
        public long BytesReceived { get; private set; }

        /// <summary>Frames queued for transmission (each counted once, retries are counted separately).</summary>
        public long FramesSent { get; private set; }

        /// <summary>Bytes of those frames.</summary>
        public long BytesSent { get; private set; }

        /// <summary>Frames written into the second transmit area while the previous frame was still on the wire.</summary>
        public long FramesWrittenDuringTransmission { get; private set; }

        /// <summary>Frames whose status vector reported a CRC error (reach the driver only with ERXFCON.CRCEN off).</summary>
        public long ReceiveCrcErrors { get; private set; }

        /// <summary>Frames whose status vector lacked Received OK (symbol errors and the like).</summary>
        public long ReceiveNotOk { get; private set; }

        /// <summary>Frames dropped because they did not fit the caller's buffer.</summary>
        public long ReceiveTooLong { get; private set; }

        /// <summary>EIR.RXERIF seen: the ring was full (or EPKTCNT at 255) and the chip dropped at least one frame.</summary>
        public long ReceiveOverflows { get; private set; }

        /// <summary>Receive headers that failed validation (the ring was then reset).</summary>
        public long ReceiveHeaderErrors { get; private set; }

        /// <summary>Resets of the receive logic (ECON1.RXRST) after a corrupted header.</summary>
        public long ReceiveResets { get; private set; }

        /// <summary>Retransmissions after a late collision (half duplex, errata 13/15).</summary>
        public long TransmitRetries { get; private set; }

        /// <summary>Transmissions the chip aborted (EIR.TXERIF) and that were not, or no longer, retried.</summary>
        public long TransmitAborts { get; private set; }

        /// <summary>Transmissions still pending after the transmit timeout; the transmit logic was reset and the frame lost.</summary>
        public long TransmitTimeouts { get; private set; }

        /// <summary>Frames refused by Send because the link was down.</summary>
        public long TransmitDroppedLinkDown { get; private set; }

        /// <summary>Frames refused by Send because their length was outside 14..1514.</summary>
        public long TransmitDroppedLength { get; private set; }

        /// <summary>Link up/down transitions seen through PHSTAT2.LSTAT.</summary>
        public long LinkChanges { get; private set; }

        /// <summary>Times the interrupt sources were serviced (INT edge, pin low, or the housekeeping interval).</summary>
        public long InterruptServices { get; private set; }

        /// <summary>Times the chip stopped answering or lost its configuration (the link then reads as down).</summary>
        public long ChipFaults { get; private set; }

        /// <summary>Successful initializations after a chip fault.</summary>
        public long ChipReinitializations { get; private set; }

        /// <summary>Sets every counter to zero.</summary>
        public void Clear()
        {
            FramesReceived = 0;
            BytesReceived = 0;
            FramesSent = 0;
            BytesSent = 0;
            ReceiveCrcErrors = 0;
            ReceiveNotOk = 0;
            ReceiveTooLong = 0;
            ReceiveOverflows = 0;
            ReceiveHeaderErrors = 0;
            ReceiveResets = 0;
            TransmitRetries = 0;
            FramesWrittenDuringTransmission = 0;
            TransmitAborts = 0;
            TransmitTimeouts = 0;
            TransmitDroppedLinkDown = 0;
            TransmitDroppedLength = 0;
            LinkChanges = 0;
            InterruptServices = 0;
            ChipFaults = 0;
            ChipReinitializations = 0;
        }

        internal void CountReceived(int length)
        {
            FramesReceived++;
            BytesReceived += length;
        }

        internal void CountSent(int length)
        {
            FramesSent++;
            BytesSent += length;
        }

        /// <summary>Counts a receive header check result (ReceiveHeader.Check) under its reason; Valid counts nothing.</summary>
        internal void CountHeaderResult(int result)
        {
            if (result == ReceiveHeader.CrcError)
            {
                ReceiveCrcErrors++;
            }
            else if (result == ReceiveHeader.NotReceivedOk)
            {
                ReceiveNotOk++;
            }
            else if (ReceiveHeader.IsCorrupt(result))
            {
                ReceiveHeaderErrors++;
            }
        }

        internal void CountReceiveTooLong() => ReceiveTooLong++;

        internal void CountReceiveOverflow() => ReceiveOverflows++;

        internal void CountReceiveReset() => ReceiveResets++;

        internal void CountTransmitRetry() => TransmitRetries++;

        internal void CountWrittenDuringTransmission() => FramesWrittenDuringTransmission++;

        internal void CountTransmitAbort() => TransmitAborts++;

        internal void CountTransmitTimeout() => TransmitTimeouts++;

        internal void CountTransmitDroppedLinkDown() => TransmitDroppedLinkDown++;

        internal void CountTransmitDroppedLength() => TransmitDroppedLength++;

        internal void CountLinkChange() => LinkChanges++;

        internal void CountInterruptService() => InterruptServices++;

        internal void CountChipFault() => ChipFaults++;

        internal void CountChipReinitialization() => ChipReinitializations++;
    }
}
