using System.Runtime.CompilerServices;

// The unit tests count statistics through the driver's internal counters (MSTest assembly and the nanoFramework test assembly).
[assembly: InternalsVisibleTo("NanoTcp.Tests")]
[assembly: InternalsVisibleTo("NFUnitTest")]
