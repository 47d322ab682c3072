namespace NanoTcp.Firmware
{
    /// <summary>
    /// Work the firmware's host does at every poll step, also while an HTTP response waits for send space (the PC
    /// app moves its emulated wire and peers here). It must not call <see cref="NanoTcpFirmware.Poll"/>.
    /// </summary>
    public delegate void FirmwareHook();
}
