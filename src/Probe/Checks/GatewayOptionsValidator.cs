using Probe.Configuration;

namespace Probe.Checks;

/// <summary>Checks the gateway: "auto" or an address, and valid ports.</summary>
internal static class GatewayOptionsValidator
{
    private const string Key = "Probe:Gateway";

    public static void Validate(GatewayOptions gateway, ProblemList problems)
    {
        if (gateway.Address != "auto" && !NetworkText.TryParseAddress(gateway.Address, out _))
        {
            problems.Add($"{Key}:Address", Localization.Text.Format("config.gateway.address", gateway.Address));
        }

        OptionRules.Ports(gateway.Ports, $"{Key}:Ports", problems);
    }
}
