using System.Runtime.CompilerServices;

// Internals are visible to the PC app and to the tests; apps see only the public API (api/NanoTcp.Firmware.txt).
[assembly: InternalsVisibleTo("NanoTcp.Host")]
[assembly: InternalsVisibleTo("NanoTcp.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Interop.Tests")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks")]
[assembly: InternalsVisibleTo("NFUnitTest")]
[assembly: InternalsVisibleTo("NanoTcp.Benchmarks.Nano")]
