using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>A clock that moves 1 ms each time it is read, so a driver's bounded waits end without real time passing.</summary>
    public sealed class SteppingClock : ITickSource
    {
        private long _milliseconds;

        public long Milliseconds
        {
            get
            {
                _milliseconds++;
                return _milliseconds;
            }
        }
    }
}
