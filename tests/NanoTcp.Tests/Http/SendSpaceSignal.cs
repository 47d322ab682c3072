using NanoTcp.Hardware;

namespace NanoTcp.Tests.Http
{
    /// <summary>
    /// The send-space signal of a server polled on an application thread, for response tests: each wait lets
    /// <c>perWait</c> more bytes into the fake connection and moves the clock <c>advance</c> ms, as the stack's
    /// thread would by acknowledging data.
    /// </summary>
    public sealed class SendSpaceSignal : IWakeSignal
    {
        private readonly FakeHttpConnection _connection;
        private readonly FakeTicks _ticks;
        private readonly int _perWait;
        private readonly int _advance;

        public SendSpaceSignal(FakeHttpConnection connection, FakeTicks ticks, int perWait, int advance)
        {
            _connection = connection;
            _ticks = ticks;
            _perWait = perWait;
            _advance = advance;
        }

        public int Waits;

        public void Set()
        {
        }

        public bool Wait(long deadline)
        {
            Waits++;
            _connection.SendAllowance += _perWait;
            _ticks.Now += _advance;
            return _perWait > 0;
        }
    }
}
