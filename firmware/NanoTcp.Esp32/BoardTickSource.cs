using System;
using NanoTcp.Hardware;

namespace NanoTcp.Esp32
{
    /// <summary><see cref="ITickSource"/> over <c>Environment.TickCount64</c> (nanoFramework.Runtime.Native): milliseconds since boot.</summary>
    public sealed class BoardTickSource : ITickSource
    {
        public long Milliseconds => Environment.TickCount64;
    }
}
