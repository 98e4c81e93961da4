using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Probe.Checks;

/// <summary>
/// Decides whether a server certificate is acceptable and, when not, which ssl_* failure it is: the precise
/// word matters, since an SNI-filtering middlebox shows up as a wrong name or an unknown authority.
/// </summary>
internal sealed class CertificateJudge(X509Certificate2Collection extraRoots, TimeProvider time)
{
    /// <summary>Null when the certificate is valid for the host, otherwise the failure.</summary>
    public string? Judge(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Failures.SslFailedHandshake;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var chainFailure = extraRoots.Count > 0
                ? JudgeWithExtraRoots(certificate, chain)
                : ChainFailure(chain?.ChainStatus ?? []);
            if (chainFailure is not null)
            {
                return chainFailure;
            }
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? Failures.SslInvalidHostname : null;
    }

    // The system roots already failed; the configured CA file is tried as extra roots, never instead of them.
    private string? JudgeWithExtraRoots(X509Certificate certificate, X509Chain? presented)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(extraRoots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf) ? null : ChainFailure(chain.ChainStatus);
    }

    internal static string? ChainFailure(X509ChainStatus[] statuses)
    {
        var flags = statuses.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status);
        if (flags == X509ChainStatusFlags.NoError)
        {
            return null;
        }

        // An expired certificate is invalid whoever signed it (as Go's x509, which OONI's words come from, says).
        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
        {
            return Failures.SslInvalidCertificate;
        }

        return (flags & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0
            ? Failures.SslUnknownAuthority
            : Failures.SslInvalidCertificate;
    }
}
