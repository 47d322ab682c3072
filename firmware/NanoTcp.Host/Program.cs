using System;

namespace NanoTcp.Host
{
    /// <summary>
    /// The `nanotcp` command. For now it only reports what the emulated board will be: the stack, the ENC28J60
    /// driver and the chip model are built by the open issues, and this entry point wires them once they exist.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.WriteLine("nanotcp: the emulated board is not assembled yet (stack, driver and chip model are in progress).");
            Console.WriteLine("Run the tests with: dotnet test NanoTcp.sln");
            return 0;
        }
    }
}
