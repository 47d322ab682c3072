using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NanoTcp.Tests.Host.Http
{
    /// <summary>One response as the client read it: status, header fields, body (de-chunked).</summary>
    internal sealed class HttpReply
    {
        public int Status { get; private set; }

        public string Head { get; private set; }

        public Dictionary<string, string> Fields { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public byte[] Body { get; private set; }

        public string BodyText => Encoding.ASCII.GetString(Body);

        /// <summary>Takes one complete response off the front of <paramref name="stream"/>, or null while incomplete.</summary>
        public static HttpReply TryTake(MemoryStream stream)
        {
            byte[] data = stream.ToArray();
            int headEnd = IndexOf(data, 0, "\r\n\r\n");
            if (headEnd < 0)
            {
                return null;
            }

            var reply = new HttpReply { Head = Encoding.ASCII.GetString(data, 0, headEnd) };
            string[] lines = reply.Head.Split("\r\n");
            reply.Status = int.Parse(lines[0].Split(' ')[1]);
            for (int i = 1; i < lines.Length; i++)
            {
                int colon = lines[i].IndexOf(':');
                reply.Fields[lines[i].Substring(0, colon)] = lines[i].Substring(colon + 1).Trim();
            }

            int p = headEnd + 4;
            if (reply.Fields.TryGetValue("Content-Length", out string length))
            {
                int n = int.Parse(length);
                if (data.Length - p < n)
                {
                    return null;
                }

                reply.Body = data.AsSpan(p, n).ToArray();
                p += n;
            }
            else if (reply.Fields.ContainsKey("Transfer-Encoding"))
            {
                var body = new MemoryStream();
                for (;;)
                {
                    int lineEnd = IndexOf(data, p, "\r\n");
                    if (lineEnd < 0)
                    {
                        return null;
                    }

                    int size = Convert.ToInt32(Encoding.ASCII.GetString(data, p, lineEnd - p), 16);
                    if (size == 0)
                    {
                        if (data.Length < lineEnd + 4)
                        {
                            return null;
                        }

                        p = lineEnd + 4;
                        break;
                    }

                    if (data.Length < lineEnd + 2 + size + 2)
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
                reply.Body = Array.Empty<byte>();
            }

            stream.SetLength(0);
            stream.Write(data, p, data.Length - p);
            return reply;
        }

        private static int IndexOf(byte[] data, int from, string text)
        {
            byte[] pattern = Encoding.ASCII.GetBytes(text);
            return data.AsSpan(from).IndexOf(pattern) is var i && i >= 0 ? from + i : -1;
        }
    }
}
