namespace NanoTcp.Dhcp
{
    /// <summary>The DHCP client states of RFC 2131 §4.4 (figure 5), plus the ARP check of an offered address.</summary>
    public enum DhcpState
    {
        /// <summary>Not started.</summary>
        Stopped,

        /// <summary>Waiting to send a DHCPDISCOVER.</summary>
        Init,

        /// <summary>DHCPDISCOVER sent, waiting for an offer.</summary>
        Selecting,

        /// <summary>DHCPREQUEST for an offer sent, waiting for ACK or NAK.</summary>
        Requesting,

        /// <summary>ACK received; an ARP probe checks that nobody uses the address.</summary>
        Probing,

        /// <summary>The lease is in use.</summary>
        Bound,

        /// <summary>Past T1: renewing with the leasing server by unicast.</summary>
        Renewing,

        /// <summary>Past T2: asking any server by broadcast.</summary>
        Rebinding,
    }
}
