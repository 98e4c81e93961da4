using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Probe.Checks;

/// <summary>
/// Decides whether a server certificate is acceptable and, when not, which ssl_* failure it is: the precise
/// word matters, since an SNI-filtering middlebox shows up as a wrong name or an unknown authority.
/// </summary>
/// <remarks>
/// With a CA file (Checks.TrustedCaFile), the handshake's chain is built on the file's roots alone
/// (<see cref="ChainPolicy"/>) and the system roots are tried only when that fails: one chain per handshake where the
/// file's CA signs, and the system store never loaded (bench/RESULTS.md section 10). Either roots may vouch for a
/// certificate, as before; when neither does, the failure is read from the chain built on the file's roots.
/// </remarks>
internal sealed class CertificateJudge(X509Certificate2Collection extraRoots, TimeProvider time)
{
    /// <summary>
    /// What the handshake builds its chain with: the CA file's roots when there is one, otherwise null (the system's
    /// roots, SslStream's default). No revocation lookups: more traffic, and blocked in a shutdown anyway.
    /// </summary>
    public X509ChainPolicy? ChainPolicy()
    {
        if (extraRoots.Count == 0)
        {
            return null;
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            VerificationTime = time.GetUtcNow().UtcDateTime,
        };
        policy.CustomTrustStore.AddRange(extraRoots);
        return policy;
    }

    /// <summary>Null when the certificate is valid for the host, otherwise the failure.</summary>
    public string? Judge(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return Failures.SslFailedHandshake;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var chainFailure = ChainFailure(chain?.ChainStatus ?? []);
            if (chainFailure is not null && extraRoots.Count > 0 && TrustedBySystem(certificate, chain))
            {
                chainFailure = null;
            }

            if (chainFailure is not null)
            {
                return chainFailure;
            }
        }

        return errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? Failures.SslInvalidHostname : null;
    }

    // The CA file's roots already failed (the handshake's chain); the system roots are tried as well, never dropped.
    private bool TrustedBySystem(X509Certificate certificate, X509Chain? presented)
    {
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        if (presented is not null)
        {
            // What the server sent (the handshake's chain keeps it in its extra store).
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return chain.Build(leaf);
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
