using System;

namespace NanoTcp.Benchmarks
{
    /// <summary>Benchmark runner. The measurements arrive with the stack, driver and chip model issues.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine("No benchmarks yet: they are added with the stack, the driver and the chip model.");
            return 0;
        }
    }
}
