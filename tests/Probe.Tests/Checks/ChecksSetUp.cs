using System.Net;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

/// <summary>Servers shared by the checks' tests, started once and always stopped.</summary>
[SetUpFixture]
public sealed class ChecksSetUp
{
    private static DnsmasqServer? _refusing;

    /// <summary>A resolver that knows no name: REFUSED for all, instantly.</summary>
    public static DnsmasqServer RefusingResolver => _refusing ??= DnsmasqServer.Start(IPAddress.Parse("127.0.0.55"), new DnsmasqOptions());

    [OneTimeTearDown]
    public void StopServers()
    {
        _refusing?.Dispose();
        _refusing = null;
    }
}
