using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>Hands out the connections queued with <see cref="Add"/>, oldest first.</summary>
    public sealed class FakeHttpListener : IHttpListener
    {
        private readonly IHttpConnection[] _queue = new IHttpConnection[32];
        private int _head;
        private int _tail;

        public FakeHttpConnection Add()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            _queue[_tail++] = connection;
            return connection;
        }

        public IHttpConnection TryAccept()
        {
            return _head < _tail ? _queue[_head++] : null;
        }
    }
}
