namespace NanoTcp.Http
{
    /// <summary>
    /// Lets the network make progress while a response waits for send space on a single-threaded board: the
    /// firmware passes its stack's poll step. Null when another thread polls the stack (the response then blocks in
    /// the connection's Send with a time-out). The pump must not call HttpServer.Poll: the server is inside a handler
    /// when it pumps.
    /// </summary>
    public delegate void HttpPump();
}
