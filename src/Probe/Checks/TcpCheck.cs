using System.Net;
using System.Net.Sockets;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>The tcp check: one connect to one port of the resolved address.</summary>
internal sealed class TcpCheck(CheckEnvironment env)
{
    public async Task<CheckResult> RunAsync(Target target, Resolution resolution, int port, Lane lane, CancellationToken cancellationToken)
    {
        var (result, connection) = await OpenAsync(target, resolution, port, lane, receiveBufferBytes: null, cancellationToken);
        if (connection is not null)
        {
            // Closed with a reset: SYN, SYN-ACK, ACK, RST instead of a FIN exchange each way, a third fewer bytes for
            // a check the sentinel lane makes every few seconds all day.
            TargetConnection.Abort(connection.Socket);
            await connection.DisposeAsync();
        }

        return result;
    }

    /// <summary>
    /// The tcp check that keeps its connection open for the tls and http checks of the same URL; the connection is
    /// null when the connect failed (the result says why).
    /// </summary>
    public async Task<(CheckResult Result, TargetConnection? Connection)> OpenAsync(
        Target target, Resolution resolution, int port, Lane lane, int? receiveBufferBytes, CancellationToken cancellationToken)
    {
        var start = CheckResults.Start(target, CheckKind.Tcp, env.Clock.Read(), lane) with { Port = port };
        if (resolution.Address is null)
        {
            return (CheckResults.Unresolved(start, resolution), null);
        }

        var result = start with { Resolver = resolution.Resolver, Address = resolution.Address.ToString() };
        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        string? failure = null;
        Socket? socket = null;
        try
        {
            socket = await TcpConnector.ConnectAsync(new IPEndPoint(resolution.Address, port), deadline.Token, receiveBufferBytes, env.Meter);
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
        result = result with
        {
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            Phases = new Phases(Dns: resolution.Ms, Connect: ms, Total: ms),
        };
        return (result, socket is null ? null : new TargetConnection(socket, began, ms));
    }
}
