namespace NanoTcp.Tests.Host.Guard
{
    /// <summary>The assemblies that also run on nanoFramework (ARCHITECTURE.md: "nano + PC").</summary>
    public static class PortableAssemblies
    {
        public static readonly string[] Names = { "NanoTcp.Hardware", "NanoTcp.Hardware.Simulation", "NanoTcp.Hardware.Enc28j60Model", "NanoTcp.Drivers.Enc28j60", "NanoTcp", "NanoTcp.Http", "NanoTcp.Firmware" };

        /// <summary>Project folders of the portable projects, relative to the repository root.</summary>
        public static readonly string[] ProjectFolders = { "hw/NanoTcp.Hardware", "hw/NanoTcp.Hardware.Simulation", "hw/NanoTcp.Hardware.Enc28j60Model", "drivers/NanoTcp.Drivers.Enc28j60", "firmware/NanoTcp", "firmware/NanoTcp.Http", "firmware/NanoTcp.Firmware" };
    }
}
