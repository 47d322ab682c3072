using System.Runtime.CompilerServices;

// Internals (parser, status page, TCP adapters) are visible to the firmware composition and to the tests; apps see only the public API (api/NanoTcp.Http.txt).
[assembly: InternalsVisibleTo("NanoTcp.Firmware")]
[assembly: InternalsVisibleTo("NanoTcp.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Interop.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks")]
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks.Nano")]
