using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;
using Probe.Targets;
using Probe.Tests.Fakes;

namespace Probe.Tests.Checks;

/// <summary>Builds a ProbeChecker for tests: short deadline, loopback allowed, a gateway on loopback, no IPv6.</summary>
internal static class TestChecker
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    /// <summary>Files that do not exist: no system resolver, no default route, no IPv6.</summary>
    public static SystemPaths NoSystem { get; } = new("/nonexistent/resolv.conf", "/nonexistent/route", "/nonexistent/if_inet6", "/nonexistent/ipv6_route");

    public static ProbeChecker Create(Action<ProbeOptions>? configure = null, SystemPaths? paths = null)
    {
        var options = new ProbeOptions { Id = "test" };
        options.Checks.Timeout = Timeout;
        options.Checks.BogonAllow = ["127.0.0.0/8"];
        // 127.0.0.1:1 refuses: a refused connection proves the gateway is up, in no time.
        options.Gateway.Address = "127.0.0.1";
        options.Gateway.Ports = [1];
        // Names of targets with pinned addresses are still measured: a resolver that refuses answers at once.
        options.Resolvers = [Resolver("refusing", ChecksSetUp.RefusingResolver.ConfigAddress)];
        configure?.Invoke(options);
        return new ProbeChecker(Options.Create(options), new FakeProbeClock(), TimeProvider.System, NullLogger<ProbeChecker>.Instance, paths ?? NoSystem);
    }

    public static Target Host(string name, string host, int[]? ports = null, IPAddress[]? addresses = null, bool sentinel = false) =>
        new(name, host, null, TargetGroup.National, null, ports ?? [], addresses ?? [], sentinel, "test");

    public static Target Url(string name, string url, params IPAddress[] addresses)
    {
        var uri = new Uri(url);
        return new Target(name, uri.Host, uri, TargetGroup.International, null, [uri.Port], addresses, false, "test");
    }

    public static ResolverOptions Resolver(string name, string address, bool reference = false) =>
        new() { Name = name, Address = address, Reference = reference };
}
