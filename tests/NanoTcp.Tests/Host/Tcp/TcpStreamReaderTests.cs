using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Tcp;
using NanoTcp.Tests.Tcp;

namespace NanoTcp.Tests.Host.Tcp
{
    /// <summary>
    /// TcpStream under .NET's StreamReader/StreamWriter. PC only for now: on nanoCLR, System.IO.Streams' StreamReader
    /// reads Stream.Length, which a TCP stream refuses (NotSupportedException "a TCP stream has no length").
    /// </summary>
    [TestClass]
    public class TcpStreamReaderTests
    {
        [TestMethod]
        public void StreamOverAConnectionWorksWithOrdinaryReadersAndWriters()
        {
            var pair = new TcpPair(2, 0);
            var listener = new TcpListener(pair.Server, 80, 2);
            listener.Start();
            TcpConnection client = TcpConnection.BeginConnect(pair.Client, TcpPair.ServerAddress, 80);
            pair.RunUntil(() => listener.Pending(), 10000);
            TcpConnection server = listener.TryAccept();
            var clientStream = new TcpStream(client) { ReadTimeout = 0, WriteTimeout = 0 };
            var serverStream = new TcpStream(server) { ReadTimeout = 0 };
            var writer = new StreamWriter(clientStream);
            writer.Write("GET / HTTP/1.0\r\n\r\n");
            writer.Flush();
            pair.RunUntil(() => server.Available >= 18, 10000);
            var reader = new StreamReader(serverStream);
            Assert.AreEqual("GET / HTTP/1.0", reader.ReadLine());
            Assert.IsFalse(clientStream.CanSeek);
            NanoTcp.Tests.Support.Expect.Throws(typeof(NotSupportedException), () => _ = clientStream.Length);
            serverStream.Dispose();
            pair.RunUntil(() => client.EndOfStream, 10000);
            Assert.AreEqual(-1, clientStream.ReadByte());
        }
    }
}
