namespace Probe.Report;

/// <summary>The colours of the timeline's state bands and reachability slots (the tests look for these exact values in the rendered PNG).</summary>
internal static class StateColours
{
    public const string Ok = "#2e9e44";
    public const string Failed = "#d62728";
    public const string Mixed = "#f0a030";
    public const string NoData = "#e4e4e4";

    public static string Of(string state) => state switch
    {
        "online" => "#2e9e44",
        "degraded" => "#e0c000",
        "dns_tampering" => "#8e44ad",
        "platform_block" => "#e67e22",
        "international_cut" => "#d62728",
        "full_shutdown" => "#5a0000",
        "local_fault" => "#4a6fa5",
        _ => "#b0b0b0",
    };

    public static string Of(SlotCount slot) =>
        slot.Ok + slot.Failed == 0 ? NoData : slot.Failed == 0 ? Ok : slot.Ok == 0 ? Failed : Mixed;
}
