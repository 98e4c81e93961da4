using System.Net;
using System.Net.Sockets;

namespace Probe.Tests.Fixtures;

/// <summary>A real dnsmasq resolver on a loopback address and free port (or inside a namespace), killed on Dispose.</summary>
public sealed class DnsmasqServer : IDisposable
{
    // The root zone's KSK-2017 digest: with it dnsmasq demands a proof its unsigned upstream cannot give.
    private const string RootTrustAnchor = ".,20326,8,2,E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D";
    private readonly List<IDisposable> _owned = [];

    private DnsmasqServer(IPEndPoint endpoint) => EndPoint = endpoint;

    public IPEndPoint EndPoint { get; }

    /// <summary>The address as the probe's configuration writes it ("127.0.0.53:5353", "[::1]:5353").</summary>
    public string ConfigAddress => EndPoint.ToString();

    public static DnsmasqServer Start(IPAddress address, DnsmasqOptions options, NetworkNamespace? ns = null)
    {
        // Inside a private namespace every port is free: fixed ones keep it simple.
        var server = new DnsmasqServer(new IPEndPoint(address, ns is null ? PortAllocator.Next(address) : 5300));
        try
        {
            var args = BaseArguments(server.EndPoint);
            switch (options.Mode)
            {
                case DnsmasqMode.Answer:
                    args.AddRange(options.Records.Select(r => $"--host-record={r.Key},{string.Join(',', r.Value)}"));
                    args.AddRange(options.NxDomains.Select(n => $"--address=/{n}/"));
                    break;
                case DnsmasqMode.Servfail:
                    var upstream = new IPEndPoint(address, ns is null ? PortAllocator.Next(address) : 5301);
                    server.StartProcess([.. BaseArguments(upstream), "--address=/#/"], ns).WaitForTcp(upstream, ns);
                    args.Add($"--server={address}#{upstream.Port}");
                    args.AddRange(["--dnssec", $"--trust-anchor={RootTrustAnchor}", "--dnssec-check-unsigned"]);
                    break;
                case DnsmasqMode.Silent:
                    var sink = ns is null ? BindSink(address) : ns.Invoke(() => BindSink(address));
                    server._owned.Add(sink);
                    args.Add($"--server={address}#{((IPEndPoint)sink.LocalEndPoint!).Port}");
                    break;
            }

            var process = server.StartProcess(args, ns);
            process.WaitForTcp(server.EndPoint, ns);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    private static List<string> BaseArguments(IPEndPoint endpoint) =>
    [
        "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--no-negcache",
        $"--listen-address={endpoint.Address}", "--bind-interfaces", $"--port={endpoint.Port}",
        "--user=root", "--pid-file=", "--log-facility=-",
    ];

    private static Socket BindSink(IPAddress address)
    {
        var sink = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(address, 0));
        return sink;
    }

    private FixtureProcess StartProcess(IEnumerable<string> args, NetworkNamespace? ns)
    {
        var process = FixtureProcess.Start("dnsmasq", "dnsmasq-base", args, ns);
        _owned.Add(process);
        return process;
    }
}
