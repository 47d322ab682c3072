using System.Collections;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>Captured segments, oldest first (Queue&lt;T&gt; is generic; nanoFramework's mscorlib has ArrayList only).</summary>
    public sealed class SentSegmentQueue
    {
        private readonly ArrayList _items = new ArrayList();

        public int Count => _items.Count;

        public void Enqueue(SentSegment segment)
        {
            _items.Add(segment);
        }

        public SentSegment Peek()
        {
            return (SentSegment)_items[0];
        }

        public SentSegment Dequeue()
        {
            SentSegment first = (SentSegment)_items[0];
            _items.RemoveAt(0);
            return first;
        }

        public void Clear()
        {
            _items.Clear();
        }
    }
}
