namespace NanoTcp.Tests.Http
{
    /// <summary>A pump for response tests: each call lets <c>perPump</c> more bytes through and moves the clock <c>advance</c> ms.</summary>
    public sealed class PumpCounter
    {
        private readonly FakeHttpConnection _connection;
        private readonly int _perPump;
        private readonly int _advance;

        public PumpCounter(FakeHttpConnection connection, int perPump, int advance)
        {
            _connection = connection;
            _perPump = perPump;
            _advance = advance;
        }

        public readonly FakeTicks Ticks = new FakeTicks();

        public int Calls;

        public void Pump()
        {
            Calls++;
            _connection.SendAllowance += _perPump;
            Ticks.Now += _advance;
        }
    }
}
