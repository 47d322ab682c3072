using NanoTcp.Hardware;

namespace NanoTcp.Tests.Enc28j60Driver
{
    /// <summary>A clock that never moves: a wait bounded only by time would never end on it.</summary>
    public sealed class FrozenClock : ITickSource
    {
        public long Milliseconds => 1000;
    }
}
