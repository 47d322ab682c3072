#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using NanoTcp.Hardware.Simulation;
using NanoTcp.Tcp;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Tcp
{
    /// <summary>
    /// <see cref="Size"/> seeded bytes each way at once over one connection, each side shutting down after its last
    /// byte. The test's run loop calls <see cref="Step"/> until it returns true (both directions at end of stream).
    /// </summary>
    public sealed class TwoWayTransfer
    {
#if NANOFRAMEWORK_1_0
        // The Linux nanoCLR segfaults whenever it compacts its heap (seen under gdb in Heap_Compact, also on an almost
        // empty heap with GC.Run(true)); four 1 MB arrays beside the garbage of earlier tests force a compaction. A
        // quarter of the size needs none and still meets hundreds of faults.
        public const int Size = 1 << 18;
#else
        public const int Size = 1 << 20;
#endif

        private readonly TcpConnection _client;
        private readonly TcpConnection _server;
        private readonly byte[] _up = new byte[Size];
        private readonly byte[] _down = new byte[Size];
        private readonly byte[] _upReceived = new byte[Size];
        private readonly byte[] _downReceived = new byte[Size];
        private int _upSent;
        private int _downSent;

        public TwoWayTransfer(TcpConnection client, TcpConnection server, int seed)
        {
            _client = client;
            _server = server;
            new SeededRandom(seed).NextBytes(_up);
            new SeededRandom(seed + 1).NextBytes(_down);
        }

        /// <summary>Bytes the server has received from the client.</summary>
        public int UpReceived { get; private set; }

        /// <summary>Bytes the client has received from the server.</summary>
        public int DownReceived { get; private set; }

        /// <summary>Scales a count expected of a 1 MB transfer to <see cref="Size"/>.</summary>
        public static int PerMegabyte(int count) => (int)((long)count * Size / (1 << 20));

        /// <summary>Offers what the send rings take, reads what arrived; true once both sides saw the other's FIN.</summary>
        public bool Step()
        {
            _upSent = Send(_client, _up, _upSent);
            _downSent = Send(_server, _down, _downSent);
            UpReceived += _server.TryReceive(_upReceived, UpReceived, Size - UpReceived);
            DownReceived += _client.TryReceive(_downReceived, DownReceived, Size - DownReceived);
            return _server.EndOfStream && _client.EndOfStream;
        }

        /// <summary>Both directions complete and equal to what was sent.</summary>
        public void AssertByteExact()
        {
            Assert.AreEqual(Size, UpReceived, "up");
            Assert.AreEqual(Size, DownReceived, "down");
            Expect.SameBytes(_up, _upReceived);
            Expect.SameBytes(_down, _downReceived);
        }

        private static int Send(TcpConnection connection, byte[] data, int sent)
        {
            if (sent >= Size)
            {
                return sent;
            }

            sent += connection.TrySend(data, sent, Numbers.Min(4096, Size - sent));
            if (sent == Size)
            {
                connection.Shutdown();
            }

            return sent;
        }
    }
}
