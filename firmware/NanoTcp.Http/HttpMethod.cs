namespace NanoTcp.Http
{
    /// <summary>The request methods the server implements (RFC 9110 §9.3); any other token is answered 501.</summary>
    public enum HttpMethod
    {
        None = 0,
        Get = 1,
        Head = 2,
        Post = 3,
    }
}
