using System.Runtime.CompilerServices;

// Registers, opcodes and receive-ring arithmetic are visible to the tests (MSTest, the nanoFramework test groups' NFUnitTest, benchmarks) and to the PC app's diagnostics; apps see only the public API (api/NanoTcp.Drivers.Enc28j60.txt).
[assembly: InternalsVisibleTo("NanoTcp.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Interop.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks")]
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks.Nano")]
