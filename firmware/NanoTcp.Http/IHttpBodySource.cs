namespace NanoTcp.Http
{
    /// <summary>
    /// A response body the server pulls as send space frees up (see <see cref="HttpResponse.StreamFrom(IHttpBodySource)"/>), so a long
    /// body never holds up the poll loop or the other connections. One source object may serve many responses at once:
    /// the position is passed in, not kept.
    /// </summary>
    public interface IHttpBodySource
    {
        /// <summary>
        /// Writes up to <paramref name="count"/> bytes of the body, starting at body offset <paramref name="position"/>,
        /// into <paramref name="buffer"/> at <paramref name="offset"/>; returns how many (at least 1 while the body lasts).
        /// </summary>
        int Read(long position, byte[] buffer, int offset, int count);
    }
}
