using System.Collections;
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace NanoTcp.Tests.Ipv4
{
    /// <summary>Tells whether a captured frame is one a test looks for.</summary>
    public delegate bool FramePredicate(byte[] frame);

    /// <summary>
    /// Captured frames in arrival order, with the few queries the tests need (List&lt;byte[]&gt; and LINQ are generic,
    /// which nanoFramework 1.x cannot run).
    /// </summary>
    public sealed class FrameList
    {
        private readonly ArrayList _frames = new ArrayList();

        public int Count => _frames.Count;

        public byte[] this[int index] => (byte[])_frames[index];

        /// <summary>For foreach: the items are byte[] (name the loop variable's type, the enumerator is not generic).</summary>
        public IEnumerator GetEnumerator()
        {
            return _frames.GetEnumerator();
        }

        public void Add(byte[] frame)
        {
            _frames.Add(frame);
        }

        public void Clear()
        {
            _frames.Clear();
        }

        /// <summary>Removes and returns the oldest frame (the list used as a queue).</summary>
        public byte[] TakeFirst()
        {
            byte[] first = this[0];
            _frames.RemoveAt(0);
            return first;
        }

        public FrameList Copy()
        {
            return Where(null);
        }

        /// <summary>The frames <paramref name="predicate"/> accepts (all of them when it is null).</summary>
        public FrameList Where(FramePredicate predicate)
        {
            FrameList found = new FrameList();
            for (int i = 0; i < _frames.Count; i++)
            {
                if (predicate == null || predicate(this[i]))
                {
                    found.Add(this[i]);
                }
            }

            return found;
        }

        public int CountWhere(FramePredicate predicate)
        {
            return Where(predicate).Count;
        }

        /// <summary>The newest frame.</summary>
        public byte[] Last()
        {
            return this[_frames.Count - 1];
        }

        /// <summary>The one frame there is; fails the test when there are none or several.</summary>
        public byte[] Single()
        {
            Assert.AreEqual(1, _frames.Count, "expected exactly one frame");
            return this[0];
        }

        /// <summary>The one frame <paramref name="predicate"/> accepts; fails the test when there are none or several.</summary>
        public byte[] Single(FramePredicate predicate)
        {
            return Where(predicate).Single();
        }
    }
}
