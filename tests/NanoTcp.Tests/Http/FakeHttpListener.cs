using NanoTcp.Http;

namespace NanoTcp.Tests.Http
{
    /// <summary>Hands out the connections queued with <see cref="Add"/>, oldest first (at most 32 waiting).</summary>
    public sealed class FakeHttpListener : IHttpListener
    {
        private readonly IHttpConnection[] _queue = new IHttpConnection[32];
        private int _head;
        private int _tail;

        public FakeHttpConnection Add()
        {
            FakeHttpConnection connection = new FakeHttpConnection();
            _queue[_tail % _queue.Length] = connection;
            _tail++;
            return connection;
        }

        public IHttpConnection TryAccept()
        {
            if (_head == _tail)
            {
                return null;
            }

            IHttpConnection connection = _queue[_head % _queue.Length];
            _head++;
            return connection;
        }
    }
}
