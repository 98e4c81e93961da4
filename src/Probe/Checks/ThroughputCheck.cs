using Probe.Targets;

namespace Probe.Checks;

/// <summary>
/// The throughput check, for targets marked Throughput in a throughput pass: the download rate of the target's URL.
/// It is timed on the http check's own GET over the round's connection (no second request, no second handshake):
/// the http check reads on past its own limit to Checks.ThroughputBytes and <see cref="TransferMeter"/> times the body
/// after its first read. A transfer that reaches the deadline still reports the rate it reached, with the timeout as
/// its failure; where the http check never got a response, the throughput check carries the http check's failure.
/// </summary>
internal static class ThroughputCheck
{
    /// <summary>
    /// The receive buffer a throughput target connects with: half the bytes to read, between 16 and 64 KiB. Wide enough
    /// not to make the rate a window-per-round-trip figure on a slow path (16 KiB caps 100 ms at 1.3 Mbit/s), small
    /// enough that what the server pushes past the limit before the reset stays a fraction of it.
    /// </summary>
    public static int WindowBytes(int throughputBytes) =>
        Math.Clamp(throughputBytes / 2, TargetConnection.ReceiveBufferBytes, 4 * TargetConnection.ReceiveBufferBytes);

    /// <summary>The throughput result of an http check that was timed by <paramref name="transfer"/>.</summary>
    public static CheckResult From(CheckResult http, TransferMeter transfer)
    {
        var failure = http.Ok || http.Failure == Failures.HttpUnexpectedStatusCode ? transfer.Failure ?? http.Failure : http.Failure;
        return http with
        {
            Kind = CheckKind.Throughput,
            Ok = failure is null,
            Failure = failure,
            Bytes = transfer.Bytes,
            Kbps = transfer.Kbps,
        };
    }

    /// <summary>Whether this round measures the target's throughput: marked, and a URL to download.</summary>
    public static bool Measures(Target target) => target.Throughput && target.Url is not null;
}
