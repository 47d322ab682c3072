namespace NanoTcp.Tests.Http
{
    /// <summary>Bytes to a string for assertions (no Encoding on the board).</summary>
    public static class Text
    {
        public static string Ascii(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
            {
                chars[i] = (char)buffer[offset + i];
            }

            return new string(chars);
        }
    }
}
