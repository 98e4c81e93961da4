using System.Net;
using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class DefaultRouteTests
{
    private const string Header = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";

    [Test]
    public void ParseGateway_DefaultRoute_GatewayInNetworkOrder()
    {
        var table = Header
            + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
            + "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";

        Assert.That(DefaultRoute.ParseGateway(table), Is.EqualTo(IPAddress.Parse("192.168.1.1")));
    }

    [Test]
    public void ParseGateway_TwoDefaultRoutes_LowestMetricWins()
    {
        var table = Header
            + "wlan0\t00000000\t0100000A\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
            + "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n";

        Assert.That(DefaultRoute.ParseGateway(table), Is.EqualTo(IPAddress.Parse("192.168.1.1")));
    }

    [Test]
    public void ParseGateway_NoDefaultRoute_Null()
    {
        var table = Header + "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";

        Assert.That(DefaultRoute.ParseGateway(table), Is.Null);
    }

    [Test]
    public void ParseGateway_DefaultRouteDown_Null()
    {
        var table = Header + "eth0\t00000000\t0101A8C0\t0002\t0\t0\t100\t00000000\t0\t0\t0\n";

        Assert.That(DefaultRoute.ParseGateway(table), Is.Null);
    }

    [Test]
    public void ParseGateway_Empty_Null()
    {
        Assert.That(DefaultRoute.ParseGateway(""), Is.Null);
    }
}
