using System;
using NanoTcp.Hardware;

namespace NanoTcp.Benchmarks.Nano
{
    /// <summary>
    /// The board tick: Environment.TickCount64 (milliseconds since start), from nanoFramework.Runtime.Native on
    /// nanoFramework and from the base library on .NET.
    /// </summary>
    public sealed class BoardTickSource : ITickSource
    {
        public long Milliseconds => Environment.TickCount64;
    }
}
