using System;
using System.IO;
using System.IO.Compression;

namespace NanoTcp.Interop.Tests.Support
{
    /// <summary>
    /// Reads a screenshot (8-bit RGB or RGBA PNG, not interlaced: what Chromium writes) far enough to tell how far down
    /// a page draws: <see cref="LastRowDifferentFromTheFirstPixel"/>. PNG format: RFC 2083 (chunks, filters 0-4).
    /// </summary>
    public static class PngRows
    {
        /// <summary>The lowest row (0-based) holding a pixel unlike the top-left one (the background); -1 if none.</summary>
        public static int LastRowDifferentFromTheFirstPixel(byte[] png, out int width, out int height)
        {
            width = BigEndian(png, 16);
            height = BigEndian(png, 20);
            int bitDepth = png[24];
            int colorType = png[25];
            if (bitDepth != 8 || (colorType != 2 && colorType != 6) || png[28] != 0)
            {
                throw new NotSupportedException("PNG bit depth " + bitDepth + ", color type " + colorType + ", interlace " + png[28]);
            }

            int pixel = colorType == 6 ? 4 : 3;
            var compressed = new MemoryStream();
            for (int p = 8; p + 8 <= png.Length;)
            {
                int length = BigEndian(png, p);
                string type = System.Text.Encoding.ASCII.GetString(png, p + 4, 4);
                if (type == "IDAT")
                {
                    compressed.Write(png, p + 8, length);
                }

                p += 12 + length;
            }

            compressed.Position = 0;
            var raw = new MemoryStream();
            using (var inflate = new ZLibStream(compressed, CompressionMode.Decompress))
            {
                inflate.CopyTo(raw);
            }

            byte[] data = raw.ToArray();
            int stride = width * pixel;
            byte[] previous = new byte[stride];
            byte[] row = new byte[stride];
            byte[] background = null;
            int last = -1;
            for (int y = 0; y < height; y++)
            {
                int start = y * (stride + 1);
                Unfilter(data[start], data, start + 1, row, previous, pixel);
                if (background == null)
                {
                    background = new byte[pixel];
                    Array.Copy(row, background, pixel);
                }

                for (int x = 0; x < stride; x++)
                {
                    if (row[x] != background[x % pixel])
                    {
                        last = y;
                        break;
                    }
                }

                byte[] swap = previous;
                previous = row;
                row = swap;
            }

            return last;
        }

        private static void Unfilter(int filter, byte[] data, int offset, byte[] row, byte[] previous, int pixel)
        {
            for (int x = 0; x < row.Length; x++)
            {
                int a = x >= pixel ? row[x - pixel] : 0;
                int b = previous[x];
                int c = x >= pixel ? previous[x - pixel] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new NotSupportedException("PNG filter " + filter),
                };
                row[x] = (byte)(data[offset + x] + predictor);
            }
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a);
            int pb = Math.Abs(p - b);
            int pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
        }

        private static int BigEndian(byte[] data, int offset)
        {
            return (data[offset] << 24) | (data[offset + 1] << 16) | (data[offset + 2] << 8) | data[offset + 3];
        }
    }
}
