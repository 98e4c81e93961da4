namespace Probe.Checks;

/// <summary>The local router: its address ("auto": from the default route) and the ports that prove it is up.</summary>
public sealed class GatewayOptions
{
    public string Address { get; set; } = "auto";
    public List<int> Ports { get; set; } = [];
}
