using System.Runtime.CompilerServices;

// Internals (wire formats, Tcb, rings, tables) are visible to the product's own assemblies built on the stack and to the tests (MSTest, the nanoFramework test groups' NFUnitTest, benchmarks); apps see only the public API (api/NanoTcp.txt).
[assembly: InternalsVisibleTo("NanoTcp.Http")]
[assembly: InternalsVisibleTo("NanoTcp.Firmware")]
// The PC app's demo (firmware/NanoTcp.Host/DemoCommand.cs) waits for the compact TIME-WAIT and FIN-WAIT-2 records.
[assembly: InternalsVisibleTo("NanoTcp.Host")]
[assembly: InternalsVisibleTo("NanoTcp.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Interop.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks")]
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks.Nano")]
