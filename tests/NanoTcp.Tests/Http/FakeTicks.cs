using NanoTcp.Hardware;

namespace NanoTcp.Tests.Http
{
    /// <summary>A clock the test moves by hand.</summary>
    public sealed class FakeTicks : ITickSource
    {
        public long Now = 1000;

        public long Milliseconds => Now;
    }
}
