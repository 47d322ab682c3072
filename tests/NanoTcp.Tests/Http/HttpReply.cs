using System;
using NanoTcp.Tests.Support;

namespace NanoTcp.Tests.Http
{
    /// <summary>One response as the client read it: status, header fields, body (de-chunked).</summary>
    public sealed class HttpReply
    {
        private string[] _names;
        private string[] _values;

        public int Status { get; private set; }

        public string Head { get; private set; }

        public byte[] Body { get; private set; }

        public string BodyText => Text.Ascii(Body, 0, Body.Length);

        /// <summary>The value of header field <paramref name="name"/> (case-insensitive), or null.</summary>
        public string Field(string name)
        {
            string wanted = name.ToLower();
            for (int i = 0; i < _names.Length; i++)
            {
                if (_names[i].ToLower() == wanted)
                {
                    return _values[i];
                }
            }

            return null;
        }

        /// <summary>Takes one complete response off the front of <paramref name="received"/>, or null while incomplete.</summary>
        public static HttpReply TryTake(ByteSink received)
        {
            int headEnd = received.IndexOf("\r\n\r\n", 0);
            if (headEnd < 0)
            {
                return null;
            }

            var reply = new HttpReply();
            reply.Head = received.Text(0, headEnd);
            string[] lines = Lines(reply.Head);
            reply.Status = int.Parse(lines[0].Substring(9, 3));
            reply._names = new string[lines.Length - 1];
            reply._values = new string[lines.Length - 1];
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                reply._names[i - 1] = lines[i].Substring(0, colon);
                reply._values[i - 1] = lines[i].Substring(colon + 1).Trim();
            }

            int p = headEnd + 4;
            string length = reply.Field("Content-Length");
            if (length != null)
            {
                int n = int.Parse(length);
                if (received.Length - p < n)
                {
                    return null;
                }

                reply.Body = new byte[n];
                Array.Copy(received.ToArray(), p, reply.Body, 0, n);
                p += n;
            }
            else if (reply.Field("Transfer-Encoding") != null)
            {
                var body = new ByteSink();
                byte[] data = received.ToArray();
                for (;;)
                {
                    int lineEnd = received.IndexOf("\r\n", p);
                    if (lineEnd < 0)
                    {
                        return null;
                    }

                    int size = Convert.ToInt32(received.Text(p, lineEnd - p), 16);
                    if (size == 0)
                    {
                        if (received.Length < lineEnd + 4)
                        {
                            return null;
                        }

                        p = lineEnd + 4;
                        break;
                    }

                    if (received.Length < lineEnd + 2 + size + 2)
                    {
                        return null;
                    }

                    body.Write(data, lineEnd + 2, size);
                    p = lineEnd + 2 + size + 2;
                }

                reply.Body = body.ToArray();
            }
            else
            {
                reply.Body = new byte[0];
            }

            received.RemoveFront(p);
            return reply;
        }

        /// <summary>The head's lines (split at CRLF; string.Split(string) is not on nanoFramework).</summary>
        private static string[] Lines(string head)
        {
            int count = 1;
            for (int i = head.IndexOf("\r\n"); i >= 0; i = head.IndexOf("\r\n", i + 2))
            {
                count++;
            }

            var lines = new string[count];
            int start = 0;
            for (int n = 0; n < count; n++)
            {
                int end = n == count - 1 ? head.Length : head.IndexOf("\r\n", start);
                lines[n] = head.Substring(start, end - start);
                start = end + 2;
            }

            return lines;
        }
    }
}
