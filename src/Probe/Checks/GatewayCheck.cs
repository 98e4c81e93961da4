using System.Net;
using Probe.Clock;

namespace Probe.Checks;

/// <summary>
/// The gateway check: TCP connects to the router's ports, all at once. One answer proves it is up, and a refused
/// connection is an answer. One result per check, for the port that proved it (or the first port's failure).
/// </summary>
internal sealed class GatewayCheck(CheckEnvironment env, SystemPaths paths)
{
    public const string TargetName = "gateway";

    public async Task<CheckResult> RunAsync(Lane lane, CancellationToken cancellationToken)
    {
        var clock = env.Clock.Read();
        var address = FindAddress();
        var result = Start(address, clock, lane);
        if (address is null)
        {
            return result with { Failure = Failures.NetworkUnreachable };
        }

        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        var ports = env.Settings.GatewayPorts;
        var pending = ports.Select(p => ConnectAsync(address, p, deadline)).ToList();
        (int Port, string? Failure)? first = null;
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            var (port, failure) = await done;
            if (failure is null or Failures.ConnectionRefused)
            {
                first = (port, null);
                break;
            }

            if (first is null || port == ports[0])
            {
                first = (port, failure);
            }
        }

        // Ports still trying are no longer needed once one answered: stop them rather than leave them running.
        deadline.Cancel();
        await Task.WhenAll(pending);
        cancellationToken.ThrowIfCancellationRequested();
        var ms = env.Time.GetElapsedTime(began).TotalMilliseconds;
        return result with
        {
            Ok = first?.Failure is null,
            Failure = first?.Failure,
            Port = first?.Port,
            Ms = ms,
            Phases = new Phases(Connect: ms, Total: ms),
        };
    }

    /// <summary>The configured address, or the default route's gateway for "auto"; null when there is none.</summary>
    internal IPAddress? FindAddress()
    {
        var configured = env.Settings.GatewayAddress;
        if (!string.Equals(configured, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(configured, out var address) ? address : null;
        }

        return DefaultRoute.ParseGateway(SystemPaths.ReadOrEmpty(paths.Ipv4Routes));
    }

    private static async Task<(int Port, string? Failure)> ConnectAsync(IPAddress address, int port, Deadline deadline)
    {
        try
        {
            using var socket = await TcpConnector.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
            return (port, null);
        }
        catch (Exception) when (deadline.Expired)
        {
            return (port, Failures.GenericTimeout);
        }
        catch (Exception e)
        {
            // Also a cancellation: the caller's is rethrown by RunAsync once every port has stopped.
            return (port, FailureClassifier.Classify(e));
        }
    }

    private static CheckResult Start(IPAddress? address, ClockReading clock, Lane lane) => new()
    {
        Target = TargetName,
        Kind = CheckKind.Gateway,
        Host = address?.ToString() ?? "auto",
        Address = address?.ToString(),
        Ok = false,
        Lane = lane,
        Clock = clock,
    };
}
