using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Probe.Budget;

namespace Probe.Checks;

/// <summary>Asks one resolver for one name's A or AAAA records and classifies what comes back.</summary>
internal sealed class DnsCheck(DnsQueries queries, BogonRanges bogons, TimeSpan timeout, TimeProvider time, TrafficMeter? meter = null)
{
    public async Task<DnsAnswer> QueryAsync(ResolverEndpoint resolver, string host, QueryType type, CancellationToken cancellationToken)
    {
        using var deadline = new Deadline(timeout, time, cancellationToken);
        var started = time.GetTimestamp();
        int? answerBytes = null;
        try
        {
            var response = await queries.For(resolver)
                .QueryAsync(host, type, QueryClass.IN, deadline.Token)
                .WaitAsync(deadline.Token);
            answerBytes = response.MessageSize;
            return Classify(response, type, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception) when (deadline.Expired)
        {
            return new DnsAnswer(null, [], Failures.GenericTimeout, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new DnsAnswer(null, [], FailureClassifier.Classify(e), time.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            // One datagram out per server asked (no retries), one back when it answered.
            meter?.AddChecks(DnsTraffic.Exchange(host, resolver.Servers.Count > 0 && resolver.Servers[0].Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6, answerBytes));
        }
    }

    internal DnsAnswer Classify(IDnsQueryResponse response, QueryType type, double ms)
    {
        var code = response.Header.ResponseCode;
        var rcode = RcodeName(code);
        IPAddress[] addresses = type == QueryType.AAAA
            ? [.. response.Answers.AaaaRecords().Select(r => r.Address)]
            : [.. response.Answers.ARecords().Select(r => r.Address)];
        var failure = code switch
        {
            DnsHeaderResponseCode.NoError when addresses.Length == 0 => Failures.DnsNoAnswer,
            DnsHeaderResponseCode.NoError when addresses.Any(bogons.IsBogon) => Failures.DnsBogon,
            DnsHeaderResponseCode.NoError => null,
            DnsHeaderResponseCode.NotExistentDomain => Failures.DnsNxdomain,
            DnsHeaderResponseCode.Refused => Failures.DnsRefused,
            DnsHeaderResponseCode.ServerFailure => Failures.DnsServfail,
            _ => Failures.DnsServerMisbehaving,
        };
        return new DnsAnswer(rcode, addresses, failure, ms);
    }

    /// <summary>The rcode as dig and OONI print it.</summary>
    internal static string RcodeName(DnsHeaderResponseCode code) => code switch
    {
        DnsHeaderResponseCode.NoError => "NOERROR",
        DnsHeaderResponseCode.FormatError => "FORMERR",
        DnsHeaderResponseCode.ServerFailure => "SERVFAIL",
        DnsHeaderResponseCode.NotExistentDomain => "NXDOMAIN",
        DnsHeaderResponseCode.NotImplemented => "NOTIMP",
        DnsHeaderResponseCode.Refused => "REFUSED",
        _ => code.ToString().ToUpperInvariant(),
    };
}
