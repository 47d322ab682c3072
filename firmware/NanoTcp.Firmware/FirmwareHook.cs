namespace NanoTcp.Firmware
{
    /// <summary>
    /// Work the firmware's host does at every poll step, before the stack polls (the PC app moves its emulated wire,
    /// chip model and forwarding host here). Returns the clock time (ms) at which the host next needs a step without
    /// being woken (long.MaxValue: only when woken); the loop waits no longer than that. It must not call
    /// <see cref="NanoTcpFirmware.Poll"/>.
    /// </summary>
    public delegate long FirmwareHook();
}
