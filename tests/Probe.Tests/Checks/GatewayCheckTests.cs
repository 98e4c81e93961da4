using System.Net;
using System.Net.Sockets;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class GatewayCheckTests
{
    private static readonly IPAddress Router = IPAddress.Parse("127.9.0.1");

    [Test]
    public async Task RunRound_GatewayAccepts_OkOnThatPort()
    {
        using var listener = new TcpListener(Router, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var sut = TestChecker.Create(o => (o.Gateway.Address, o.Gateway.Ports) = (Router.ToString(), [open]));

        var gateway = (await sut.RunRoundAsync([], CancellationToken.None)).Single();

        Assert.That((gateway.Kind, gateway.Ok, gateway.Port, gateway.Address), Is.EqualTo((CheckKind.Gateway, true, (int?)open, Router.ToString())));
    }

    [Test]
    public async Task RunRound_GatewayRefuses_OkBecauseItAnswered()
    {
        var closed = PortAllocator.Next(Router);
        var sut = TestChecker.Create(o => (o.Gateway.Address, o.Gateway.Ports) = (Router.ToString(), [closed]));

        var gateway = (await sut.RunRoundAsync([], CancellationToken.None)).Single();

        Assert.That((gateway.Ok, gateway.Failure), Is.EqualTo((true, (string?)null)));
    }

    [Test]
    public async Task RunRound_AutoWithDefaultRoute_UsesRouteGateway()
    {
        var routes = Path.GetTempFileName();
        try
        {
            // 0100007F is 127.0.0.1 as the kernel prints it.
            await File.WriteAllTextAsync(routes, "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\nlo\t00000000\t0100007F\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
            var sut = TestChecker.Create(o => o.Gateway.Address = "auto", TestChecker.NoSystem with { Ipv4Routes = routes });

            var gateway = (await sut.RunRoundAsync([], CancellationToken.None)).Single();

            Assert.That((gateway.Ok, gateway.Address), Is.EqualTo((true, "127.0.0.1")));
        }
        finally
        {
            File.Delete(routes);
        }
    }

    [Test]
    public async Task RunRound_AutoWithoutDefaultRoute_NetworkUnreachable()
    {
        var sut = TestChecker.Create(o => o.Gateway.Address = "auto");

        var gateway = (await sut.RunRoundAsync([], CancellationToken.None)).Single();

        Assert.That((gateway.Ok, gateway.Failure, gateway.Address), Is.EqualTo((false, Failures.NetworkUnreachable, (string?)null)));
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_GatewaySilentOnAllPorts_TimeoutAtOneDeadline()
    {
        using var ns = NetworkNamespace.Create();
        ns.ApplyNftables("""
            table inet drill {
              chain out {
                type filter hook output priority 0;
                ip daddr 127.9.0.1 drop
              }
            }
            """);
        var sut = TestChecker.Create(o => (o.Gateway.Address, o.Gateway.Ports) = (Router.ToString(), [53, 80, 443]));

        var gateway = (await ns.InvokeAsync(() => sut.RunRoundAsync([], CancellationToken.None))).Single();

        Assert.Multiple(() =>
        {
            Assert.That(gateway.Failure, Is.EqualTo(Failures.GenericTimeout));
            Assert.That(gateway.Ms, Is.InRange(TestChecker.Timeout.TotalMilliseconds * 0.9, TestChecker.Timeout.TotalMilliseconds + 1000));
        });
    }
}
