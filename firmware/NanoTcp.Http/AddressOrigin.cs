namespace NanoTcp.Http
{
    /// <summary>How the interface got its IPv4 address.</summary>
    public enum AddressOrigin
    {
        None = 0,
        Static = 1,
        Dhcp = 2,
        StaticFallback = 3,
    }
}
