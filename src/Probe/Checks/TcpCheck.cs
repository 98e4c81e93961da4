using System.Net;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>The tcp check: one connect to one port of the resolved address.</summary>
internal sealed class TcpCheck(CheckEnvironment env)
{
    public async Task<CheckResult> RunAsync(Target target, Resolution resolution, int port, Lane lane, CancellationToken cancellationToken)
    {
        var start = CheckResults.Start(target, CheckKind.Tcp, env.Clock.Read(), lane) with { Port = port };
        if (resolution.Address is null)
        {
            return CheckResults.Unresolved(start, resolution);
        }

        var result = start with { Resolver = resolution.Resolver, Address = resolution.Address.ToString() };
        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        string? failure = null;
        try
        {
            using var socket = await TcpConnector.ConnectAsync(new IPEndPoint(resolution.Address, port), deadline.Token);
        }
        catch (Exception) when (deadline.Expired)
        {
            failure = Failures.GenericTimeout;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = FailureClassifier.Classify(e);
        }

        var ms = env.Time.GetElapsedTime(began).TotalMilliseconds;
        return result with
        {
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            Phases = new Phases(Dns: resolution.Ms, Connect: ms, Total: ms),
        };
    }
}
